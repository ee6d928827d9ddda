import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/**
 * A platform authenticator in software for integration tests: one ES256 discoverable credential,
 * answering registration (attestation "none") and authentication as a browser would send them
 * (@simplewebauthn/browser's JSON), signed for real. Each answer can be bent to play an attacker.
 */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  counter = 0;
  userHandle = '';
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(
    readonly origin: string,
    readonly rpID: string,
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64(this.credentialId);
  }

  private coseKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
  }

  private authenticatorData(rpID: string, attested: boolean, verified = true): Buffer {
    // User present, user verified (unless bent: a key with no lock), backup eligible and backed
    // up (a synced passkey).
    const flags = 0x01 | (verified ? 0x04 : 0) | 0x08 | 0x10 | (attested ? 0x40 : 0);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const parts: Uint8Array[] = [sha256(rpID), Buffer.from([flags]), counter];
    if (attested) {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), length, this.credentialId, this.coseKey());
    }
    return Buffer.concat(parts);
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Answers navigator.credentials.create() options. */
  register(options: { challenge: string; user: { id: string } }, bend: { origin?: string } = {}) {
    this.userHandle = options.user.id;
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', this.authenticatorData(this.rpID, true)],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      response: {
        clientDataJSON: b64(
          this.clientData('webauthn.create', options.challenge, bend.origin ?? this.origin),
        ),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** Answers navigator.credentials.get() options; `bend` plays a phishing site or a clone. */
  authenticate(
    options: { challenge: string },
    bend: {
      origin?: string;
      rpID?: string;
      counter?: number;
      userHandle?: string;
      verified?: boolean;
    } = {},
  ) {
    this.counter = bend.counter ?? this.counter + 1;
    const authenticatorData = this.authenticatorData(
      bend.rpID ?? this.rpID,
      false,
      bend.verified ?? true,
    );
    const clientDataJSON = this.clientData(
      'webauthn.get',
      options.challenge,
      bend.origin ?? this.origin,
    );
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      this.privateKey,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(authenticatorData),
        signature: b64(signature),
        userHandle: bend.userHandle ?? this.userHandle,
      },
    };
  }
}
