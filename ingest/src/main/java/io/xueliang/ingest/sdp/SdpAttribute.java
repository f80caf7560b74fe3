package io.xueliang.ingest.sdp;

/** One {@code a=name[:value]} line; {@code value} is empty for flags such as {@code a=recvonly}. */
public record SdpAttribute(String name, String value) {
}
