import { describeRule } from '../../test-support/rule-cases.js';

describeRule('shell.tls-verification-disabled', 'shell', {
  fires: [
    'curl -k https://example.com/install.sh',
    'curl -sSLk https://example.com',
    'curl --insecure -o out.tar.gz https://example.com/x.tar.gz',
    'wget --no-check-certificate https://example.com/file',
    'export NODE_TLS_REJECT_UNAUTHORIZED=0',
    'git config --global http.sslVerify false',
  ],
  ignores: [
    'curl -sSL https://example.com',
    'curl -o file.kml https://example.com/file.kml',
    '# curl -k https://example.com',
    'echo "never use curl -k"',
    'export NODE_TLS_REJECT_UNAUTHORIZED=1',
  ],
});
