package io.anycalltaxi.core.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/** The signing key of people's tokens, from a PEM (PKCS#8) RSA private key kept in a Secret. */
public final class SigningKeys {

    private SigningKeys() {
    }

    /**
     * The key pair, identified by its JWK thumbprint (so a rotated key has a new kid). The PEM's
     * line breaks may be missing (a key given as one line of configuration).
     */
    public static RSAKey fromPem(String pkcs8Pem) {
        String base64 = pkcs8Pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)))
                    instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalArgumentException("the signing key must be an RSA private key with its CRT parameters");
            }
            RSAPrivateKey privateKey = crt;
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE).build();
            return new RSAKey.Builder(key).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a usable RSA signing key", e);
        }
    }
}
