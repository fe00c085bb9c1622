//! The emulator's RS256 signing key, its JWKS, and JWT signing and verification.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use sha2::Sha256;

/// A fixed test key: the emulator is not a security boundary, and a stable key lets tokens
/// survive a restart of the emulator during a demo.
const PEM: &str = include_str!("signing-key.pem");
pub const KID: &str = "entra-emulator-1";

pub struct Keys {
    signing: SigningKey<Sha256>,
    verifying: VerifyingKey<Sha256>,
    jwk: Value,
}

impl Keys {
    pub fn load() -> Keys {
        let private = RsaPrivateKey::from_pkcs8_pem(PEM).expect("the bundled key is valid");
        let public = private.to_public_key();
        let jwk = json!({"kty": "RSA", "use": "sig", "kid": KID, "x5t": KID, "alg": "RS256",
            "n": B64.encode(public.n().to_bytes_be()), "e": B64.encode(public.e().to_bytes_be())});
        Keys {
            signing: SigningKey::new(private),
            verifying: VerifyingKey::new(public),
            jwk,
        }
    }

    pub fn jwks(&self) -> Value {
        json!({"keys": [self.jwk]})
    }

    /// Signs claims as a compact JWT.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({"typ": "JWT", "alg": "RS256", "kid": KID, "x5t": KID});
        let input = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let sig = self.signing.sign(input.as_bytes());
        format!("{input}.{}", B64.encode(sig.to_bytes()))
    }

    /// Checks the signature and returns the claims; expiry is the caller's to check.
    pub fn verify(&self, token: &str) -> Result<Value, &'static str> {
        let mut parts = token.split('.');
        let (h, c, s) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(h), Some(c), Some(s), None) => (h, c, s),
            _ => return Err("IDX14100: JWT is not well formed, there are no dots (.)."),
        };
        let header: Value = B64
            .decode(h)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or("Invalid token header.")?;
        if header["alg"] != "RS256" {
            return Err("Invalid signature algorithm.");
        }
        let sig = B64
            .decode(s)
            .ok()
            .and_then(|b| Signature::try_from(b.as_slice()).ok())
            .ok_or("Invalid signature.")?;
        self.verifying
            .verify(format!("{h}.{c}").as_bytes(), &sig)
            .map_err(|_| "Invalid signature.")?;
        B64.decode(c)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or("Invalid token payload.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies_and_refuses_tampering() {
        let keys = Keys::load();
        let token = keys.sign(&json!({"oid": "x", "exp": 1}));
        assert_eq!(keys.verify(&token).unwrap()["oid"], "x");
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = B64.encode(json!({"oid": "y", "exp": 1}).to_string());
        parts[1] = &forged;
        assert!(keys.verify(&parts.join(".")).is_err());
        assert!(keys.verify("not-a-token").is_err());
    }
}
