// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are JavaScript source under test
import { describe, expect, it } from 'vitest';
import { describeRule } from '../../test-support/rule-cases.js';
import { scanCode } from '../scan-code.js';

// Synthetic credentials in real formats, assembled so no scanner flags this test file as a leak.
const AWS_KEY = ['AKIA', 'Z3MSJV4WWNKWW5FG'].join('');
const GITHUB_TOKEN = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const PEM_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun';
const PEM = ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' ');

describeRule('secrets.aws-access-key', 'python', {
  fires: [`aws_access_key_id = "${AWS_KEY}"`, `# creds: ${AWS_KEY}`],
  ignores: [
    'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"',
    'aws_access_key_id = os.environ["AWS_ACCESS_KEY_ID"]',
  ],
});

describeRule('secrets.private-key', 'python', {
  fires: [
    `KEY = """${PEM}\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----"""`,
    `key = "${PEM}\\n${PEM_BODY}\\n"`,
  ],
  ignores: [`if pem.startswith("${PEM}"):\n    load(pem)`],
});

describeRule('secrets.provider-token', 'javascript', {
  fires: [
    `const GITHUB_TOKEN = '${GITHUB_TOKEN}';`,
    `const openai = new OpenAI({ apiKey: '${['sk', 'proj', 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6'].join('-')}' });`,
  ],
  ignores: ['const GITHUB_TOKEN = process.env.GITHUB_TOKEN;', `const apiKey = 'sk-${'x'.repeat(40)}';`],
});

describeRule('secrets.hardcoded-credential', 'python', {
  fires: [
    'api_key = "3f9a8b7c6d5e4f3a2b1c"',
    'client = Client(api_key="3f9a8b7c6d5e4f3a2b1c")',
    'config = {"client_secret": "abcd1234efgh5678"}',
    'DB_PASSWORD: str = "S3cure!Passw0rd"',
    '# api_key = "3f9a8b7c6d5e4f3a2b1c"',
  ],
  ignores: [
    'api_key = os.environ["OPENAI_API_KEY"]',
    'api_key = "<YOUR_API_KEY>"',
    'password = input("Password: ")',
    'password = ""',
    'token = "${TOKEN}"',
    'max_tokens = 1024',
    'password_hint = "first-pets-name"',
    'if password == "hunter2hunter2":\n    ok()',
    'api_key = "your-api-key-here"',
  ],
});

describeRule('secrets.hardcoded-credential', 'javascript', {
  fires: [
    "const config = { password: 'S3cure!Pass' };",
    "headers['x-api-key'] = 'a8f5f167f44f4964e6c998dee827110c';",
  ],
  ignores: ['const config = { password: process.env.DB_PASSWORD };', "const token = '';"],
});

describe('secret redaction', () => {
  it('never repeats a secret in a finding', () => {
    const findings = scanCode(`api_key = "3f9a8b7c6d5e4f3a2b1c"\nkey_id = "${AWS_KEY}"`, {
      language: 'python',
    });
    expect(findings.map((f) => f.rule_id)).toEqual([
      'secrets.hardcoded-credential',
      'secrets.aws-access-key',
    ]);
    for (const finding of findings) {
      expect(finding.snippet).not.toContain('3f9a8b7c6d5e4f3a2b1c');
      expect(finding.snippet).not.toContain(AWS_KEY);
    }
    expect(findings[0]?.snippet).toBe('api_key = "3f9a…[redacted]"');
  });

  it('reports a provider token once, not again as a generic credential', () => {
    const findings = scanCode(`GITHUB_TOKEN = "${GITHUB_TOKEN}"`, { language: 'python' });
    expect(findings.map((f) => f.rule_id)).toEqual(['secrets.provider-token']);
  });
});
