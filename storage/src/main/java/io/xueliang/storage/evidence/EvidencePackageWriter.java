package io.xueliang.storage.evidence;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an evidence package: a ZIP whose entries are all STORED (video does not compress, and a stored entry's bytes
 * lie in the archive as they are), in this order:
 *
 * <pre>
 *   &lt;file 1&gt; … &lt;file n&gt;   the exported files, in the order given
 *   manifest.json          canonical JSON ({@link ManifestJson}) naming every file with its size and SHA-256
 *   manifest.sig           base64 (RFC 4648, one line, then "\n") of the 64-byte Ed25519 signature of
 *                          exactly the bytes of manifest.json
 *   signing-key.pub        the signer's public key, X.509 SubjectPublicKeyInfo PEM
 * </pre>
 *
 * Memory is bounded by one copy buffer whatever the file sizes. A STORED entry needs its CRC-32 before its bytes, so
 * each file is read twice: once for size, CRC-32 and SHA-256, once to copy while hashing again; a file that changes
 * in between fails the export rather than yielding a manifest that lies. The ZIP is written beside the target, synced,
 * and renamed into place, so the target is never seen half-written.
 */
public final class EvidencePackageWriter {
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String PUBLIC_KEY = "signing-key.pub";
    private static final int BUFFER = 256 * 1024;

    private final ExportSigningKey key;
    private final InstantSource clock;

    public EvidencePackageWriter(ExportSigningKey key, InstantSource clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link #write(EvidenceRequest, List, Path, LongConsumer)} without progress. */
    public EvidenceManifest write(EvidenceRequest request, List<EvidenceInput> inputs, Path target) throws IOException {
        return write(request, inputs, target, done -> { });
    }

    /**
     * Writes the package for {@code request} with {@code inputs} to {@code target}, which must not exist.
     *
     * @param progress told the bytes of input files copied so far, out of the sum of their sizes
     * @return the manifest as signed
     * @throws FileAlreadyExistsException when {@code target} exists
     * @throws InterruptedIOException when the thread is interrupted (the export is cancelled); nothing is left behind
     */
    public EvidenceManifest write(EvidenceRequest request, List<EvidenceInput> inputs, Path target, LongConsumer progress)
            throws IOException {
        Objects.requireNonNull(request, "request");
        if (inputs.size() > ManifestRules.MAX_FILES) {
            throw new IllegalArgumentException("more than " + ManifestRules.MAX_FILES + " files");
        }
        Set<String> names = new HashSet<>();
        for (EvidenceInput in : inputs) {
            if (!names.add(in.name())) {
                throw new IllegalArgumentException("file name " + in.name() + " given twice");
            }
        }
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            EvidenceManifest manifest;
            Instant createdAt = clock.instant();
            LocalDateTime entryTime = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
            try (OutputStream file = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, BUFFER))) {
                zip.setMethod(ZipOutputStream.STORED);
                byte[] buffer = new byte[BUFFER];
                List<EvidenceFile> files = new ArrayList<>();
                long copied = 0;
                for (EvidenceInput in : inputs) {
                    Digest first = digest(in.path(), buffer, null, n -> { });
                    ZipEntry e = storedEntry(in.name(), first.size, first.crc, entryTime);
                    zip.putNextEntry(e);
                    long before = copied;
                    Digest second = digest(in.path(), buffer, zip, n -> progress.accept(before + n));
                    zip.closeEntry();
                    if (second.size != first.size || !second.sha256.equals(first.sha256)) {
                        throw new IOException(in.path() + " changed while it was being exported");
                    }
                    copied += second.size;
                    files.add(new EvidenceFile(in.name(), second.size, second.sha256, in.sources()));
                }
                manifest = EvidenceManifest.of(request, files, createdAt, key.fingerprint());
                byte[] json = manifest.toJson();
                byte[] sig = (Base64.getEncoder().encodeToString(key.sign(json)) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                putSmall(zip, MANIFEST, json, entryTime);
                putSmall(zip, SIGNATURE, sig, entryTime);
                putSmall(zip, PUBLIC_KEY, key.publicKeyPem().getBytes(StandardCharsets.US_ASCII), entryTime);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself survives a power cut
            }
            return manifest;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private record Digest(long size, long crc, String sha256) {
    }

    /**
     * Reads {@code file} through, copying to {@code copy} when given and telling {@code read} the bytes so far;
     * size, CRC-32 and SHA-256 of what was read.
     */
    private static Digest digest(Path file, byte[] buffer, OutputStream copy, LongConsumer read) throws IOException {
        MessageDigest sha = sha256();
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("evidence export interrupted");
                }
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                if (copy != null) {
                    copy.write(buffer, 0, n);
                }
                size += n;
                read.accept(size);
            }
        }
        return new Digest(size, crc.getValue(), HexFormat.of().formatHex(sha.digest()));
    }

    private static void putSmall(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        zip.putNextEntry(storedEntry(name, bytes.length, crc.getValue(), time));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static ZipEntry storedEntry(String name, long size, long crc, LocalDateTime time) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTimeLocal(time); // DOS time carries no zone: the manifest's creation time, in UTC
        return e;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
