/**
 * The GB/T 28181 dialect of SDP in INVITE (GB/T 28181-2016): {@code s=Play|Playback|Download},
 * {@code u=}, {@code t=} in Unix seconds, PS over RTP/AVP or TCP/RTP/AVP with {@code a=setup}
 * (RFC 4145), and the GB-only {@code y=} (SSRC) and {@code f=} (media format) lines. Built on the
 * RFC 8866 parser of {@code ingest.sdp}.
 */
package io.xueliang.ingest.sdp.gb28181;
