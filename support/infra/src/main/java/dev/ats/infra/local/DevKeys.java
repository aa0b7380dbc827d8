package dev.ats.infra.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The local stack's own RSA key pair ({@code .ats/keys/private.pem}, {@code public.pem}): the
 * services trust the public key, {@code ./ats token} signs with the private one. Made once and
 * kept, so tokens stay valid across restarts. Never the test-only pair and never a production key.
 */
final class DevKeys {

  /** The issuer of the local stack's tokens (the services' {@code mp.jwt.verify.issuer}). */
  static final String ISSUER = "https://ats.local";

  /** The groups a token can carry ({@code dev.ats.web.security.Groups}). */
  static final Set<String> GROUPS = Set.of("recruiter", "hiring-manager", "integration");

  private DevKeys() {}

  static Path privateKey(Path dir) {
    return dir.resolve("private.pem");
  }

  static Path publicKey(Path dir) {
    return dir.resolve("public.pem");
  }

  /**
   * Writes a new key pair into {@code dir} unless one is there.
   *
   * @return true if it made one
   */
  static boolean ensure(Path dir) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    if (Files.exists(privateKey(dir)) && Files.exists(publicKey(dir))) {
      return false;
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.writeString(privateKey(dir), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(publicKey(dir), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    return true;
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** A bearer token for {@code subject} in {@code group}, valid for 12 hours. */
  static String token(Path dir, String group, String subject)
      throws IOException, GeneralSecurityException {
    String key = Files.readString(privateKey(dir));
    return Jwt.issuer(ISSUER)
        .subject(subject)
        .upn(subject)
        .groups(Set.of(group))
        .expiresIn(Duration.ofHours(12))
        .sign(KeyUtils.decodePrivateKey(key));
  }
}
