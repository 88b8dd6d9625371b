/**
 * Ed25519 keys and signatures (node:crypto). Ed25519 signatures are deterministic, so a
 * signed bundle is as reproducible as an unsigned one.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";

export function generateKeys(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export class KeyError extends Error {}

const PRIVATE_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const PUBLIC_PEM = /-----BEGIN [A-Z0-9 ]*PUBLIC KEY-----/;

/** Reads an Ed25519 key from PEM; anything else is a KeyError naming the file. */
function keyFrom(pem: string, file: string, kind: "private" | "public"): KeyObject {
  // node derives a public key from a private one: verifying must never be handed the signing key.
  if (kind === "public" && PRIVATE_PEM.test(pem)) {
    throw new KeyError(
      `${file} is a private signing key; verify takes the public key (attt-signing.pub). ` +
        "Give schools only the public key: the private key stays offline with the Department",
    );
  }
  if (kind === "private" && PUBLIC_PEM.test(pem) && !PRIVATE_PEM.test(pem)) {
    throw new KeyError(`${file} is a public key; signing takes the private key (attt-signing.key)`);
  }
  let key: KeyObject;
  try {
    key = kind === "private" ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new KeyError(
      `${file}: expected an Ed25519 ${kind} key in PEM (attt keygen writes one), found something else`,
    );
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new KeyError(`${file}: expected an Ed25519 ${kind} key, found ${key.asymmetricKeyType}`);
  }
  return key;
}

export const privateKeyFrom = (pem: string, file: string): KeyObject => keyFrom(pem, file, "private");
export const publicKeyFrom = (pem: string, file: string): KeyObject => keyFrom(pem, file, "public");

/**
 * Which key signs: sha256 of the public key (SPKI DER), the same for the private key and
 * its public half. Recorded with incremental builds so that another key means re-signing.
 */
export function keyFingerprint(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256")
    .update(pub.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/** Base64 signature of `data`, as stored in manifest.json.sig. */
export function signBytes(data: Uint8Array, key: KeyObject): string {
  return `${sign(null, data, key).toString("base64")}\n`;
}

export function verifyBytes(data: Uint8Array, signature: string, key: KeyObject): boolean {
  const sig = Buffer.from(signature.trim(), "base64");
  return sig.length === 64 && verify(null, data, key, sig);
}
