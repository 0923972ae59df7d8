// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are JavaScript source under test
import { describeRule } from '../../test-support/rule-cases.js';

describeRule('javascript.shell-injection', 'javascript', {
  fires: [
    "const { exec } = require('child_process');\nexec('ls ' + dir, cb);",
    "import { exec as run } from 'node:child_process';\nrun(`git log ${branch}`);",
    'const cp = require("child_process");\ncp.execSync(cmd);',
    'execSync("rm -rf " + target);',
    'child_process.exec(userCommand, cb);',
    "require('child_process').exec('tar xzf ' + archive);",
    "import * as cp from 'child_process';\ncp.spawn(cmd, { shell: true });",
    "const { spawn } = require('child_process');\nspawn('sh', ['-c', `convert ${file} out.png`]);",
    "const { execFile } = require('child_process');\nexecFile('/bin/bash', ['-lc', cmd]);",
    "const { exec } = require('child_process');\nlet cmd = 'ls ';\ncmd += dir;\nexec(cmd);",
    "const { exec } = require('child_process');\nconst run = (cmd) => exec(cmd);",
  ],
  ignores: [
    "const { execFile } = require('child_process');\nexecFile('ls', [dir]);",
    "const { spawn } = require('child_process');\nspawn('ls', ['-l', dir]);",
    'const match = /a(b)/.exec(text);',
    'exec(cmd);',
    "const cp = require('child_process');\ncp.exec('ls -l');",
    "require('child_process').exec('ls -l');",
    "require('./my-exec').exec(cmd);",
    "const { exec } = require('child_process');\nconst cmd = 'git status';\nexec(cmd, done);",
    "const { spawn } = require('child_process');\nspawn('sh', ['-c', 'npm ci && npm test']);",
    "// exec('ls ' + dir)",
    "const help = 'child_process.exec(cmd) is dangerous';",
  ],
});

describeRule('javascript.code-injection', 'javascript', {
  fires: [
    'const result = eval(req.body.expr);',
    "const fn = new Function('a', body);",
    'setTimeout("run(" + id + ")", 10);',
    'vm.runInNewContext(code, sandbox);',
    'eval(`return ${input}`);',
  ],
  ignores: [
    "eval('2 + 2');",
    'obj.eval(x);',
    'setTimeout(() => run(id), 10);',
    'setTimeout(callback, 10);',
    '// eval(userInput)',
    "const s = 'eval(x)';",
    'evaluate(x);',
    "const add = new Function('a', 'b', 'return a + b');",
  ],
});

describeRule('javascript.unsafe-deserialization', 'javascript', {
  fires: [
    "const serialize = require('node-serialize');\nconst profile = serialize.unserialize(req.cookies.profile);",
    "import { unserialize } from 'node-serialize';\nunserialize(data);",
  ],
  ignores: [
    'const profile = JSON.parse(req.cookies.profile);',
    'unserialize(data);',
    "const serialize = require('node-serialize');\nserialize.serialize(obj);",
  ],
});

describeRule('javascript.tls-verification-disabled', 'javascript', {
  fires: [
    'https.request({ host, port, rejectUnauthorized: false });',
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
    'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;',
    'request({ url, strictSSL: false });',
    "spawn('node', ['app.js'], { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });",
    'agent.options.rejectUnauthorized = false;',
  ],
  ignores: [
    'https.request({ host, rejectUnauthorized: true });',
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';",
    '// rejectUnauthorized: false',
    "const doc = 'set rejectUnauthorized: false to skip checks';",
    'if (options.rejectUnauthorized === false) warn();',
  ],
});

describeRule('javascript.weak-password-hash', 'javascript', {
  fires: [
    "const hash = crypto.createHash('md5').update(password).digest('hex');",
    'const stored = createHash("sha1").update(user.pwd).digest("hex");',
  ],
  ignores: [
    "const etag = crypto.createHash('md5').update(fileBuffer).digest('hex');",
    "const h = crypto.createHash('sha256').update(data).digest('hex');",
    "// crypto.createHash('md5').update(password)",
  ],
});

describeRule('javascript.weak-cipher', 'javascript', {
  fires: [
    "const c = crypto.createCipheriv('des-ede3-cbc', key, iv);",
    "const c = createCipheriv('aes-128-ecb', key, null);",
    "const c = crypto.createCipher('rc4', key);",
  ],
  ignores: [
    "const c = crypto.createCipheriv('aes-256-gcm', key, iv);",
    "// crypto.createCipheriv('des-ede3-cbc', key, iv)",
  ],
});

describeRule('javascript.insecure-random', 'javascript', {
  fires: [
    'const token = Math.random().toString(36).slice(2);',
    'const resetCode = Math.floor(Math.random() * 1e6);',
  ],
  ignores: [
    'const x = Math.random() * width;',
    "const token = crypto.randomBytes(32).toString('hex');",
    '// token = Math.random()',
  ],
});
