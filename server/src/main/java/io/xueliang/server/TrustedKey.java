package io.xueliang.server;

import io.xueliang.storage.signing.Ed25519Pem;
import io.xueliang.storage.signing.SigningKeyException;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine;

/**
 * A public key the operator keeps and names with {@code --key} ({@code export verify}, {@code audit verify}): read when
 * the command line is parsed, so that an unreadable key is a usage error (exit 2) naming the file.
 */
record TrustedKey(Path file, PublicKey key) {
    /** Reads {@code --key FILE} as an Ed25519 public key in PEM. */
    static final class Converter implements CommandLine.ITypeConverter<TrustedKey> {
        @Override
        public TrustedKey convert(String value) {
            Path file = Path.of(value);
            try {
                return new TrustedKey(file, Ed25519Pem.readPublic(file));
            } catch (SigningKeyException e) {
                throw new CommandLine.TypeConversionException("trusted key " + e.getMessage());
            }
        }
    }
}
