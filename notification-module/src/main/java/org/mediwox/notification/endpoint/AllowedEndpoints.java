package org.mediwox.notification.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The operator's trusted rest-hook endpoints ({@code mediwox.notification.rest-hook.allowed-endpoints}): internal
 * receivers that may be reached over plain http and at loopback or private addresses. Each entry is one of
 *
 * <ul>
 *   <li>{@code host} — the endpoint URL's host exactly as written (a DNS name, case-insensitive, or an IP literal, IPv6
 *       in brackets), any port: {@code hooks.internal.example}, {@code 127.0.0.2}, {@code [fd12::7]};
 *   <li>{@code host:port} — that host on that port only: {@code hooks.internal.example:8443};
 *   <li>a CIDR range — every address the endpoint resolves to lies in it, any port: {@code 10.20.0.0/16},
 *       {@code fd12::/64}.
 * </ul>
 *
 * A host entry trusts whatever that name resolves to: list only names the operator's DNS controls. The cloud metadata
 * addresses stay refused whatever is listed.
 */
public final class AllowedEndpoints {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

    private record HostEntry(String host, int port) {}

    private record Range(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<HostEntry> hosts;
    private final List<Range> ranges;

    private AllowedEndpoints(List<HostEntry> hosts, List<Range> ranges) {
        this.hosts = List.copyOf(hosts);
        this.ranges = List.copyOf(ranges);
    }

    /** Nothing allowed beyond the rules. */
    public static AllowedEndpoints none() {
        return new AllowedEndpoints(List.of(), List.of());
    }

    /**
     * @throws IllegalArgumentException naming the entry and the shapes accepted, for an entry that is none of them
     */
    public static AllowedEndpoints parse(List<String> entries) {
        List<HostEntry> hosts = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            try {
                if (entry.contains("/")) {
                    ranges.add(range(entry));
                } else {
                    hosts.add(hostEntry(entry));
                }
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException("mediwox.notification.rest-hook.allowed-endpoints: '" + raw
                        + "' is not a host, host:port or CIDR range (such as hooks.internal.example,"
                        + " hooks.internal.example:8443, 10.20.0.0/16 or fd12::/64)");
            }
        }
        return new AllowedEndpoints(hosts, ranges);
    }

    /** Whether an endpoint URL's host (as {@link java.net.URI#getHost()} gives it) and port are listed. */
    boolean trusts(String host, int port) {
        String normal = normalize(host);
        return hosts.stream().anyMatch(h -> h.host().equals(normal) && (h.port() < 0 || h.port() == port));
    }

    /** Whether an address lies in a listed range. */
    boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    private static HostEntry hostEntry(String entry) {
        int port = -1;
        String host = entry;
        int colon = entry.lastIndexOf(':');
        boolean bracketed = entry.startsWith("[");
        if (colon > 0 && (!bracketed || entry.lastIndexOf(']') < colon)) {
            port = Integer.parseInt(entry.substring(colon + 1));
            host = entry.substring(0, colon);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port");
            }
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host");
        }
        return new HostEntry(normalize(host), port);
    }

    private static Range range(String entry) throws UnknownHostException {
        int slash = entry.indexOf('/');
        String literal = entry.substring(0, slash);
        if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
            throw new IllegalArgumentException("not an IP literal"); // never a DNS lookup for a setting
        }
        byte[] network = InetAddress.getByName(literal).getAddress();
        int prefix = Integer.parseInt(entry.substring(slash + 1));
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix");
        }
        return new Range(network, prefix);
    }

    /** Lower case; IPv6 literals without brackets and in one canonical form. */
    private static String normalize(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.contains(":")) {
            try {
                return InetAddress.getByName(bare).getHostAddress();
            } catch (UnknownHostException e) {
                return bare.toLowerCase(Locale.ROOT);
            }
        }
        return bare.toLowerCase(Locale.ROOT);
    }
}
