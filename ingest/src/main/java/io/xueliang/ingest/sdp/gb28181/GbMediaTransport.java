package io.xueliang.ingest.sdp.gb28181;

/**
 * How the PS stream travels, from the point of view of the side whose SDP it is: RTP over UDP, or
 * over TCP (RFC 4571 framing) where that side listens ({@code a=setup:passive}) or connects
 * ({@code a=setup:active}), RFC 4145.
 */
public enum GbMediaTransport {
    UDP("RTP/AVP", null), TCP_PASSIVE("TCP/RTP/AVP", "passive"), TCP_ACTIVE("TCP/RTP/AVP", "active");

    private final String proto;
    private final String setup;

    GbMediaTransport(String proto, String setup) {
        this.proto = proto;
        this.setup = setup;
    }

    /** The {@code m=} line's protocol. */
    public String proto() {
        return proto;
    }

    /** The {@code a=setup:} value; null for UDP. */
    public String setup() {
        return setup;
    }

    public boolean isTcp() {
        return this != UDP;
    }

    /** What the other side must do: passive answers active and the reverse; UDP stays UDP. */
    public GbMediaTransport complement() {
        return switch (this) {
            case UDP -> UDP;
            case TCP_PASSIVE -> TCP_ACTIVE;
            case TCP_ACTIVE -> TCP_PASSIVE;
        };
    }
}
