package io.xueliang.ingest.simulator;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pacing timer of one event loop: every tick it lets each session on that loop send the frames
 * that are due, then flushes each channel that got data once. Sessions are only touched on the loop.
 */
final class SessionTicker {
    static final long TICK_MILLIS = 10;
    private final EventLoop loop;
    private final UdpSockets udp;
    private final java.util.function.BooleanSupplier networkDown;
    private final List<CameraSession> sessions = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private ScheduledFuture<?> task;

    SessionTicker(EventLoop loop, UdpSockets udp, java.util.function.BooleanSupplier networkDown) {
        this.loop = loop;
        this.udp = udp;
        this.networkDown = networkDown;
    }

    /** Adds a session whose control channel is {@code channel}; must run on the loop. */
    void add(CameraSession session, Channel channel) {
        assert loop.inEventLoop();
        sessions.add(session);
        channels.add(channel);
        if (task == null) {
            task = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Removes a session; must run on the loop. */
    void remove(CameraSession session) {
        assert loop.inEventLoop();
        int i = sessions.indexOf(session);
        if (i >= 0) {
            // swap-remove: order does not matter and this keeps removal O(1) after the search
            int last = sessions.size() - 1;
            sessions.set(i, sessions.get(last));
            channels.set(i, channels.get(last));
            sessions.remove(last);
            channels.remove(last);
        }
    }

    private void tick() {
        if (networkDown.getAsBoolean()) {
            return; // the outage swallows every frame
        }
        long now = System.nanoTime();
        boolean udpWritten = false;
        for (int i = 0; i < sessions.size(); i++) {
            CameraSession s = sessions.get(i);
            Channel ch = channels.get(i);
            if (s.timedOut(now)) {
                ch.close();
                continue;
            }
            if (s.tick(now)) {
                if (s.transport().interleaved()) {
                    ch.flush();
                } else {
                    udpWritten = true;
                }
            }
        }
        if (udpWritten && udp != null) {
            udp.flush();
        }
    }

    void cancel() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
