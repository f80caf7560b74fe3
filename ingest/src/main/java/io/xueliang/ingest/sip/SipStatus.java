package io.xueliang.ingest.sip;

/** Reason phrases of the status codes GB/T 28181 peers send and expect (RFC 3261 §21). */
public final class SipStatus {
    private SipStatus() {
    }

    public static String reason(int status) {
        return switch (status) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 183 -> "Session Progress";
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 415 -> "Unsupported Media Type";
            case 423 -> "Interval Too Brief";
            case 481 -> "Call/Transaction Does Not Exist";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 488 -> "Not Acceptable Here";
            case 500 -> "Server Internal Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 504 -> "Server Time-out";
            case 603 -> "Decline";
            default -> status < 200 ? "Provisional" : status < 300 ? "OK" : status < 400 ? "Redirect"
                    : status < 500 ? "Client Error" : status < 600 ? "Server Error" : "Global Failure";
        };
    }
}
