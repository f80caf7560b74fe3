package io.xueliang.storage.blob;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sorts what the MinIO client throws into our exception tree: what may pass by itself (no connection, a timeout, 5xx,
 * throttling, a response cut short) is retriable; what an operator must fix (credentials, bucket, certificate) is an
 * access failure; a missing key is not-found; the rest is a plain, final failure.
 */
final class S3Failures {
    /** S3 error codes that mean "the key is not there". */
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject");
    /** S3 error codes that mean "this deployment may not use this bucket as configured". */
    private static final Set<String> ACCESS = Set.of("AccessDenied", "AllAccessDisabled", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "NoSuchBucket", "InvalidBucketName", "AccountProblem", "InvalidToken",
            "ExpiredToken", "RequestTimeTooSkewed", "AuthorizationHeaderMalformed", "PermanentRedirect",
            "InvalidObjectState");
    /** S3 error codes for a server that is busy or briefly broken (AWS "retry" guidance). */
    private static final Set<String> RETRIABLE = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout", "Throttling", "ThrottlingException", "RequestLimitExceeded", "OperationAborted",
            "XMinioServerNotInitialized", "XMinioStorageFull");

    private S3Failures() {
    }

    static BlobStoreException translate(String operation, String key, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException e) {
                return errorResponse(operation, key, e);
            }
            if (t instanceof ServerException e) {
                return byStatus(operation, key, null, e.statusCode(), "server error", e);
            }
            if (t instanceof InvalidResponseException e) {
                // not S3's XML: a proxy or load balancer answered in its place, usually while the store is away
                return new RetriableBlobStoreException(operation, key, null, "not an S3 response: "
                        + e.getMessage(), failure);
            }
            if (t instanceof InsufficientDataException e) {
                return new RetriableBlobStoreException(operation, key, null, "response cut short: "
                        + e.getMessage(), failure);
            }
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
                return new BlobAccessException(operation, key, null, "TLS handshake failed: " + t.getMessage(),
                        failure);
            }
            if (t instanceof IOException) {
                // connection refused or reset, timeouts, DNS: the network or the store is away
                return new RetriableBlobStoreException(operation, key, null, "cannot reach the store: " + t,
                        failure);
            }
        }
        return new BlobStoreException(operation, key, null, String.valueOf(failure), failure);
    }

    private static BlobStoreException errorResponse(String operation, String key, ErrorResponseException e) {
        String code = e.errorResponse() == null ? null : e.errorResponse().code();
        int status = e.response() == null ? 0 : e.response().code();
        String message = e.errorResponse() == null ? e.getMessage() : e.errorResponse().message();
        if (code != null && NOT_FOUND.contains(code)) {
            return new BlobNotFoundException(operation, key, "no blob under the key");
        }
        if (code != null && ACCESS.contains(code)) {
            return new BlobAccessException(operation, key, code, String.valueOf(message), e);
        }
        if (code != null && RETRIABLE.contains(code)) {
            return new RetriableBlobStoreException(operation, key, code, String.valueOf(message), e);
        }
        return byStatus(operation, key, code, status, String.valueOf(message), e);
    }

    private static BlobStoreException byStatus(String operation, String key, String code, int status, String message,
                                               Exception e) {
        String problem = message + " (HTTP " + status + ")";
        if (status >= 500 || status == 429 || status == 408) {
            return new RetriableBlobStoreException(operation, key, code, problem, e);
        }
        if (status == 401 || status == 403) {
            return new BlobAccessException(operation, key, code, problem, e);
        }
        return new BlobStoreException(operation, key, code, problem, e);
    }
}
