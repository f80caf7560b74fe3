package io.xueliang.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.FakeClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MediaTicketsTest {
    private static final String PATH = "/api/v1/cameras/43032100001310000001/playback.mp4";
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final MediaTickets tickets = new MediaTickets(clock, Duration.ofMinutes(15), new SecureRandom());

    @Test
    void aTicketStandsForItsTokenOnItsPathUntilItExpires() {
        MediaTickets.Ticket t = tickets.issue(42, PATH);
        assertThat(t.expiresAt()).isEqualTo(Instant.parse("2026-12-07T08:15:00Z"));
        assertThat(t.toString()).doesNotContain(t.value());
        assertThat(tickets.verify(t.value(), PATH)).contains(42L);
        assertThat(tickets.verify(t.value(), PATH.replace("0001/", "0002/"))).isEmpty();
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(tickets.verify(t.value(), PATH)).contains(42L);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tickets.verify(t.value(), PATH)).isEmpty();
    }

    @Test
    void aTamperedOrForeignTicketIsRefused() {
        String t = tickets.issue(42, PATH).value();
        for (int i = 4; i < t.length(); i++) {
            char c = t.charAt(i) == 'A' ? 'B' : 'A';
            assertThat(tickets.verify(t.substring(0, i) + c + t.substring(i + 1), PATH)).as("changed at %d", i).isEmpty();
        }
        MediaTickets other = new MediaTickets(clock, Duration.ofMinutes(15), new SecureRandom());
        assertThat(other.verify(t, PATH)).as("another key (a restart)").isEmpty();
        assertThat(tickets.verify("xls_" + t.substring(4), PATH)).isEmpty();
        assertThat(tickets.verify(t + "AAAA", PATH)).isEmpty();
        assertThat(tickets.verify("xlt_%%%", PATH)).isEmpty();
        assertThat(tickets.verify(null, PATH)).isEmpty();
    }

    @Test
    void onlyMediaPathsAreMediaOperations() {
        assertThat(MediaTickets.MediaOperation.ofPath(PATH)).contains(MediaTickets.MediaOperation.PLAYBACK);
        assertThat(MediaTickets.MediaOperation.ofPath("/api/v1/exports/0123456789abcdef0123456789abcdef/download"))
                .contains(MediaTickets.MediaOperation.DOWNLOAD_EXPORT);
        assertThat(MediaTickets.MediaOperation.ofPath("/api/v1/cameras/a/../b/playback.mp4")).isEmpty();
        assertThat(MediaTickets.MediaOperation.ofPath("/api/v1/users/x/download")).isEmpty();
        assertThat(MediaTickets.MediaOperation.ofOperation("listCameras")).isEmpty();
        assertThat(MediaTickets.MediaOperation.ofOperation(null)).isEmpty();
    }
}
