import { describeRule } from '../../test-support/rule-cases.js';

describeRule('python.shell-injection', 'python', {
  fires: [
    'subprocess.run(f"ls {path}", shell=True)',
    'subprocess.call("rm -rf " + user_dir, shell=True)',
    'p = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE)',
    'out = subprocess.check_output(\n    "grep %s log.txt" % pattern,\n    shell=True,\n)',
    'os.system("ping -c 1 %s" % host)',
    'os.system("convert {} out.png".format(name))',
    'data = os.popen(command).read()',
    'from subprocess import check_output as co\nco(cmd, shell=True)',
    'subprocess.getoutput("cat " + name)',
    'subprocess.run(args=cmd, shell=True)',
    'from os import system\nsystem("rm " + path)',
    'await asyncio.create_subprocess_shell(cmd)',
    'subprocess.run(["bash", "-c", f"tar xzf {archive}"])',
    'subprocess.Popen(["/bin/sh", "-c", cmd])',
    'cmd = "ls " + folder\nsubprocess.run(cmd, shell=True)',
    'cmd = "ls"\ncmd += user_flags\nsubprocess.run(cmd, shell=True)',
    'def run(cmd):\n    return subprocess.run(cmd, shell=True)',
    'for cmd in commands:\n    os.system(cmd)',
  ],
  ignores: [
    'subprocess.run(["ls", path])',
    'subprocess.run(["bash", "-c", "make clean && make"])',
    'subprocess.run(["bash", "script.sh", arg])',
    'cmd = "ls -l"\nsubprocess.run(cmd, shell=True)',
    'CMD: str = "df -h"\nos.system(CMD)',
    'subprocess.run("ls -l", shell=True)',
    'subprocess.run(cmd, shell=False)',
    'os.system("clear")',
    '# os.system(cmd)',
    'print("never call os.system(cmd) with input")',
    'def f():\n    """Example: subprocess.run(cmd, shell=True)"""\n    return 1',
    'myos.system(cmd)',
  ],
});

describeRule('python.code-injection', 'python', {
  fires: ['eval(input("expr: "))', 'exec(code)', 'result = eval(f"{a} + {b}")', 'exec(open(path).read())'],
  ignores: [
    'ast.literal_eval(text)',
    'model.eval()',
    'eval("1 + 2")',
    '# eval(user_input)',
    'evaluate(x)',
    'print("do not eval(x)")',
    'executor.exec(job)',
  ],
});

describeRule('python.unsafe-deserialization', 'python', {
  fires: [
    'obj = pickle.loads(request.data)',
    'code = marshal.loads(blob)',
    'from pickle import loads\nloads(data)',
    'with open(p, "rb") as f:\n    model = dill.load(f)',
    'config = yaml.load(stream)',
    'config = yaml.load(f, Loader=yaml.Loader)',
    'config = yaml.unsafe_load(s)',
  ],
  ignores: [
    'data = json.loads(body)',
    'blob = pickle.dumps(obj)',
    'config = yaml.load(f, Loader=yaml.SafeLoader)',
    'config = yaml.load(f, yaml.CSafeLoader)',
    'config = yaml.safe_load(f)',
    '# obj = pickle.loads(request.data)',
    'print("pickle.loads(data) is unsafe")',
  ],
});

describeRule('python.tls-verification-disabled', 'python', {
  fires: [
    'r = requests.get(url, verify=False)',
    'client = httpx.Client(verify=False)',
    'session = requests.Session()\nsession.verify = False',
    'ctx = ssl._create_unverified_context()',
    'ssl._create_default_https_context = ssl._create_unverified_context',
    'ctx.check_hostname = False',
    'ctx.verify_mode = ssl.CERT_NONE',
  ],
  ignores: [
    'r = requests.get(url, verify=True)',
    'r = requests.get(url, verify="/etc/ssl/ca.pem")',
    'if verify == False:\n    warn()',
    'should_verify = False',
    '# requests.get(url, verify=False)',
    'HELP = "pass verify=False to skip checks"',
  ],
});

describeRule('python.weak-password-hash', 'python', {
  fires: [
    'digest = hashlib.md5(password.encode()).hexdigest()',
    'stored = hashlib.sha1(pwd).hexdigest()',
    'h = hashlib.new("md5", user.password.encode())',
  ],
  ignores: [
    'checksum = hashlib.md5(file_bytes).hexdigest()',
    'h = hashlib.new("sha256", password.encode())',
    'key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)',
    '# hashlib.md5(password)',
  ],
});

describeRule('python.weak-cipher', 'python', {
  fires: [
    'cipher = DES.new(key, DES.MODE_CBC, iv)',
    'cipher = AES.new(key, AES.MODE_ECB)',
    'c = Cipher(algorithms.AES(key), modes.ECB())',
    'c = Cipher(algorithms.TripleDES(key), modes.CBC(iv))',
  ],
  ignores: [
    'cipher = AES.new(key, AES.MODE_GCM)',
    'c = Cipher(algorithms.AES(key), modes.GCM(iv))',
    '# never use AES.MODE_ECB',
    'MODES = ["MODE_ECB is insecure"]',
  ],
});

describeRule('python.insecure-random', 'python', {
  fires: [
    "token = ''.join(random.choice(chars) for _ in range(32))",
    'reset_code = random.randint(100000, 999999)',
    'session_id = random.getrandbits(128)',
  ],
  ignores: [
    'color = random.choice(colors)',
    'token = secrets.token_hex(16)',
    'x = random.random()  # token of appreciation',
  ],
});
