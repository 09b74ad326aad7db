package org.mediwox.notification.endpoint;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a rest-hook may go: an {@code https} URL whose host resolves only to public unicast addresses — not loopback,
 * link-local, private (RFC 1918, RFC 6598 shared, IPv6 ULA), multicast, unspecified or reserved, and never the cloud
 * metadata service (169.254.169.254, fd00:ec2::254). IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64) are
 * judged as the IPv4 address they reach. {@link AllowedEndpoints} lists the exceptions: trusted internal receivers may
 * use plain http and private addresses.
 *
 * <p>{@link #check(URI)} returns the addresses it checked: the sender connects to exactly those, so a DNS answer that
 * changes between the check and the connection (DNS rebinding) cannot lead it elsewhere.
 */
public final class EndpointPolicy {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final List<InetAddress> METADATA = List.of(
            literal(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}),
            literal(new byte[] {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54}));

    private final AllowedEndpoints allowed;
    private final Resolver resolver;

    public EndpointPolicy(AllowedEndpoints allowed, Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /** With the system's resolver. */
    public EndpointPolicy(AllowedEndpoints allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    /**
     * Resolves the endpoint's host and checks the URL and every address it resolves to.
     *
     * @return the checked addresses, to connect to
     * @throws EndpointRefused naming the rule it breaks
     * @throws UnknownHostException when the host does not resolve (now)
     */
    public List<InetAddress> check(URI endpoint) throws UnknownHostException {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
        String host = endpoint.getHost();
        if (!scheme.equals("https") && !scheme.equals("http") || host == null || host.isEmpty()) {
            throw new EndpointRefused("a rest-hook needs an https URL with a host (got " + endpoint + ")");
        }
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : scheme.equals("https") ? 443 : 80;
        boolean hostTrusted = allowed.trusts(host, port);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = Arrays.asList(resolver.resolve(bare));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        boolean allTrusted = true; // plain http only when the host, or a range holding every address, is listed
        for (InetAddress address : addresses) {
            if (METADATA.contains(address)
                    || embeddedIpv4(address).filter(METADATA::contains).isPresent()) {
                throw new EndpointRefused(host + " is the cloud metadata service, never a rest-hook");
            }
            boolean trusted = hostTrusted || allowed.trusts(address);
            allTrusted &= trusted;
            Optional<String> rule = forbidden(address);
            if (!trusted && rule.isPresent()) {
                throw new EndpointRefused(host + (isLiteral(bare) ? " is" : " resolves to") + " a " + rule.get()
                        + " address; rest-hooks go to public addresses (internal receivers must be listed in"
                        + " mediwox.notification.rest-hook.allowed-endpoints)");
            }
        }
        if (scheme.equals("http") && !allTrusted) {
            throw new EndpointRefused("a rest-hook needs an https URL; plain http only for endpoints listed in"
                    + " mediwox.notification.rest-hook.allowed-endpoints (got " + endpoint + ")");
        }
        return addresses;
    }

    /**
     * What can be checked of an endpoint whose host does not resolve (yet): the scheme. Its addresses are checked when
     * it is delivered to, as every time.
     *
     * @throws EndpointRefused for plain http to a host not listed by name
     */
    public void checkUnresolved(URI endpoint) {
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : 80;
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !allowed.trusts(endpoint.getHost(), port)) {
            throw new EndpointRefused("a rest-hook needs an https URL; plain http only for endpoints listed in"
                    + " mediwox.notification.rest-hook.allowed-endpoints (got " + endpoint + ")");
        }
    }

    /** The rule an address breaks, if any: the kind of address a public rest-hook must not be. */
    static Optional<String> forbidden(InetAddress address) {
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return forbidden(embedded.get());
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (address.isSiteLocalAddress()) {
                return Optional.of("private (RFC 1918)");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("private (RFC 6598 shared)");
            }
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first >= 240) {
                return Optional.of("reserved");
            }
            return Optional.empty();
        }
        if ((b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
            return Optional.of("private (IPv6 unique local)");
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address reaches: IPv4-mapped, IPv4-compatible or NAT64 (64:ff9b::/96). */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && (b[12] | b[13] | b[14]) != 0;
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        return Optional.of(literal(Arrays.copyOfRange(b, 12, 16)));
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, null) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
