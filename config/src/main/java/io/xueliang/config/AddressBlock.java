package io.xueliang.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A block of IP addresses written as an address literal with an optional prefix length ({@code 10.0.0.0/8},
 * {@code 192.0.2.7}, {@code fd00::/8}). Only literals are accepted: a host name would be looked up in DNS at start and
 * trusted for whatever it resolved to then.
 *
 * @param network the block's first address, host bits cleared (4 or 16 bytes)
 * @param prefix how many leading bits an address must share with {@code network}
 */
public record AddressBlock(byte[] network, int prefix) {
    public AddressBlock {
        network = network.clone();
    }

    /**
     * @param key the configuration key, for the message
     * @throws ConfigException naming {@code key} when {@code text} is not an address literal with a fitting prefix
     */
    public static AddressBlock parse(String key, String text) {
        if (text == null || text.isEmpty() || text.length() > 64 || !text.chars().allMatch(AddressBlock::literalChar)) {
            throw new ConfigException(key, "expected an IP address or block such as 10.0.0.0/8 or fd00::/8, got '"
                    + text + "'");
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(key, address, text);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(p) > max) {
                throw new ConfigException(key, "the prefix length of '" + text + "' must be 0 to " + max);
            }
            prefix = Integer.parseInt(p);
        }
        for (int bit = prefix; bit < max; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new AddressBlock(bytes, prefix);
    }

    /** Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static byte[] literal(String key, String address, String text) {
        if (!literalForm(address)) {
            throw new ConfigException(key, "'" + text + "' is not an IP address (dotted IPv4 or IPv6)");
        }
        return address(address).orElseThrow(() -> new ConfigException(key, "'" + text + "' is not an IP address"))
                .getAddress();
    }

    /**
     * The address written as {@code text}, a dotted IPv4 or an IPv6 literal (no brackets, no port), or empty for any
     * other text. Never asks DNS, so it is safe on text from the network.
     */
    public static Optional<InetAddress> address(String text) {
        if (text == null || text.isEmpty() || text.length() > 45 || !literalForm(text)) {
            return Optional.empty();
        }
        try {
            // A dotted quad, or hex digits with ':', is parsed as a literal: getByName never asks DNS for it.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean literalForm(String address) {
        if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        return address.indexOf(':') >= 0 && address.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.');
    }

    private static boolean literalChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':'
                || c == '/';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressBlock b && b.prefix == prefix && Arrays.equals(b.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
