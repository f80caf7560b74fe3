package io.xueliang.ingest.simulator.gb28181;

/**
 * A snapshot of the GB/T 28181 device simulator's counters, all devices together.
 *
 * @param registered         devices registered now
 * @param registrations      REGISTERs that got a 200 (first registrations and renewals)
 * @param registerFailures   REGISTERs refused (403, 5xx, a second challenge) or unanswered
 * @param keepalivesSent     Keepalive MESSAGEs sent
 * @param catalogMessages    Catalog response MESSAGEs sent (a catalog goes in several)
 * @param deviceInfos        DeviceInfo responses sent
 * @param invites            INVITEs answered 200
 * @param invitesRefused     INVITEs refused (unknown channel, unreadable or unsupported offer, too many streams)
 * @param streams            live streams sending now
 * @param byesReceived       BYEs from the platform that ended a call
 * @param byesSent           BYEs sent by the devices (when stopped, or when a TCP media connection failed)
 * @param packetsSent        RTP packets sent, all streams
 * @param bytesSent          RTP bytes sent (headers and payload; without the TCP framing)
 * @param framesSkipped      frames not sent because a TCP media connection did not drain (skipped to a keyframe)
 */
public record GbSimulatorStats(int registered, long registrations, long registerFailures, long keepalivesSent,
        long catalogMessages, long deviceInfos, long invites, long invitesRefused, int streams, long byesReceived,
        long byesSent, long packetsSent, long bytesSent, long framesSkipped) {
}
