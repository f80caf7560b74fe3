package io.xueliang.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressBlockTest {
    private static boolean in(String block, String address) throws Exception {
        return AddressBlock.parse("k", block).contains(InetAddress.getByName(address));
    }

    @Test
    void blocksContainTheirAddressesOnly() throws Exception {
        assertThat(in("10.0.0.0/8", "10.255.1.2")).isTrue();
        assertThat(in("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(in("192.0.2.7", "192.0.2.7")).isTrue();
        assertThat(in("192.0.2.7", "192.0.2.8")).isFalse();
        assertThat(in("172.16.0.0/12", "172.31.255.255")).isTrue();
        assertThat(in("172.16.0.0/12", "172.32.0.0")).isFalse();
        assertThat(in("0.0.0.0/0", "8.8.8.8")).isTrue();
        assertThat(in("fd00::/8", "fd12::1")).isTrue();
        assertThat(in("fd00::/8", "fe80::1")).isFalse();
        assertThat(in("10.0.0.0/8", "::1")).as("IPv4 blocks hold no IPv6 address").isFalse();
    }

    @Test
    void hostBitsAreClearedSoTheBlockIsWhatItSays() {
        assertThat(AddressBlock.parse("k", "10.1.2.3/8")).isEqualTo(AddressBlock.parse("k", "10.0.0.0/8"));
        assertThat(AddressBlock.parse("k", "10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
    }
}
