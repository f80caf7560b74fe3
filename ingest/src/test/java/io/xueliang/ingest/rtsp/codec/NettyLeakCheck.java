package io.xueliang.ingest.rtsp.codec;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test when Netty's leak detector (paranoid in surefire) reports a buffer that was
 * garbage-collected without release. Leaks are reported on the next allocation after a GC,
 * so after each test this collects garbage, allocates, and reads the detector's log.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterEachCallback {
    private static final ListAppender<ILoggingEvent> LEAKS = new ListAppender<>();

    static {
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        LEAKS.start();
        logger.addAppender(LEAKS);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        check();
    }

    /**
     * Collects garbage and throws if the detector has reported a leak since the last check: for
     * tests, and for fuzz targets every so many inputs.
     */
    public static void check() throws InterruptedException {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 64; i++) {
                ByteBuf a = UnpooledByteBufAllocator.DEFAULT.buffer(8);
                ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(8);
                a.release();
                b.release();
            }
        }
        List<String> leaks;
        synchronized (LEAKS) {
            leaks = LEAKS.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("LEAK")).toList();
            LEAKS.list.clear();
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty buffer leak(s) detected:\n" + String.join("\n", leaks));
        }
    }
}
