import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';

// A stand-in for the Bot Framework's token issuer on loopback: its OpenID metadata, its signing keys
// (endorsed for msteams, as the real ones are), and tokens signed as the Bot Connector signs them.

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class FakeTokenIssuer {
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;
  port = 0;
  readonly keyId = 'test-signing-key';

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get issuer(): string {
    return `${this.base}/issuer`;
  }
  get metadataUrl(): string {
    return `${this.base}/.well-known/openidconfiguration`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const answer = (body: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/.well-known/openidconfiguration')
        return answer({
          issuer: this.issuer,
          jwks_uri: `${this.base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      if (req.url === '/keys') {
        const jwk = this.key.publicKey.export({ format: 'jwk' });
        return answer({ keys: [{ ...jwk, kid: this.keyId, kty: 'RSA', use: 'sig', endorsements: ['msteams'] }] });
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  /** A token as the channel would send it; `signWith` signs with some other key (a forgery). */
  token(claims: Record<string, unknown>, options: { signWith?: KeyObject; keyId?: string } = {}): string {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: options.keyId ?? this.keyId }));
    const nowSeconds = Math.floor(Date.now() / 1000);
    const payload = base64url(
      JSON.stringify({ iss: this.issuer, nbf: nowSeconds - 60, exp: nowSeconds + 3600, ...claims }),
    );
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${payload}`)
      .sign(options.signWith ?? this.key.privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }
}
