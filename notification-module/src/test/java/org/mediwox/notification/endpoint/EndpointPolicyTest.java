package org.mediwox.notification.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointPolicyTest {

    /** Names resolve through this table only: no test depends on the machine's DNS. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "sneaky.example.com", "127.0.0.1",
            "mixed.example.com", "93.184.216.34,10.1.2.3",
            "internal.example", "10.20.30.40",
            "metadata.example", "169.254.169.254");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String addresses = DNS.get(host);
        if (addresses == null) {
            return InetAddress.getAllByName(host); // IP literals only: parsed, never looked up
        }
        String[] each = addresses.split(",");
        InetAddress[] resolved = new InetAddress[each.length];
        for (int i = 0; i < each.length; i++) {
            resolved[i] = InetAddress.getByName(each[i]);
        }
        return resolved;
    }

    private static EndpointPolicy policy(String... allowed) {
        return new EndpointPolicy(AllowedEndpoints.parse(List.of(allowed)), EndpointPolicyTest::resolve);
    }

    @ParameterizedTest
    @CsvSource({
        "https://127.0.0.1/hook, loopback",
        "https://127.9.9.9:8443/hook, loopback",
        "https://[::1]/hook, loopback",
        "https://[::ffff:127.0.0.1]/hook, loopback",
        "https://[::ffff:10.0.0.1]/hook, private (RFC 1918)",
        "https://[64:ff9b::a00:1]/hook, private (RFC 1918)",
        "https://169.254.10.1/hook, link-local",
        "https://[fe80::1]/hook, link-local",
        "https://10.0.0.1/hook, private (RFC 1918)",
        "https://172.16.5.4/hook, private (RFC 1918)",
        "https://192.168.1.1/hook, private (RFC 1918)",
        "https://100.64.0.1/hook, RFC 6598",
        "https://[fd12:3456::1]/hook, IPv6 unique local",
        "https://[fc00::1]/hook, IPv6 unique local",
        "https://224.0.0.1/hook, multicast",
        "https://[ff02::1]/hook, multicast",
        "https://0.0.0.0/hook, unspecified",
        "https://[::]/hook, unspecified",
        "https://255.255.255.255/hook, reserved",
        "https://sneaky.example.com/hook, resolves to a loopback",
        "https://mixed.example.com/hook, resolves to a private (RFC 1918)",
    })
    void internalAddresses_areRefused_namingTheRule(String endpoint, String rule) {
        assertThatThrownBy(() -> policy().check(URI.create(endpoint)))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/latest/meta-data/",
                "https://[::ffff:169.254.169.254]/",
                "https://metadata.example/"
            })
    void cloudMetadata_isRefused_evenWhenItsRangeIsAllowed(String endpoint) {
        EndpointPolicy generous = policy("169.254.0.0/16", "fd00::/8", "metadata.example", "::/0");
        assertThatThrownBy(() -> generous.check(URI.create(endpoint)))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("cloud metadata");
    }

    @Test
    void publicHttps_isAllowed_andTheCheckedAddressesAreReturned() throws Exception {
        assertThat(policy().check(URI.create("https://hooks.example.com/fhir")))
                .containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(policy().check(URI.create("https://93.184.216.34:8443/fhir")))
                .hasSize(1);
    }

    @Test
    void plainHttp_isRefused_unlessTheEndpointIsAllowed() throws Exception {
        assertThatThrownBy(() -> policy().check(URI.create("http://hooks.example.com/fhir")))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("https");
        assertThat(policy("hooks.example.com").check(URI.create("http://hooks.example.com/fhir")))
                .hasSize(1);
    }

    @Test
    void otherSchemesAndHostlessUrls_areRefused() {
        assertThatThrownBy(() -> policy().check(URI.create("ftp://hooks.example.com/x")))
                .isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> policy().check(URI.create("https:///x"))).isInstanceOf(EndpointRefused.class);
    }

    @Test
    void allowlistedHost_mayBeHttpAndPrivate_onItsPortOnlyWhenAPortIsGiven() throws Exception {
        EndpointPolicy anyPort = policy("internal.example");
        assertThat(anyPort.check(URI.create("http://internal.example:9000/hook")))
                .hasSize(1);
        EndpointPolicy onePort = policy("internal.example:8443");
        assertThat(onePort.check(URI.create("https://internal.example:8443/hook")))
                .hasSize(1);
        assertThatThrownBy(() -> onePort.check(URI.create("https://internal.example:8444/hook")))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("private");
    }

    @Test
    void allowlistedIpLiterals_matchAsWritten_otherLoopbackAddressesStayRefused() throws Exception {
        EndpointPolicy receivers = policy("127.0.0.2", "[::1]:8080");
        assertThat(receivers.check(URI.create("http://127.0.0.2:12345/hook"))).hasSize(1);
        assertThat(receivers.check(URI.create("http://[::1]:8080/hook"))).hasSize(1);
        assertThatThrownBy(() -> receivers.check(URI.create("http://127.0.0.1:12345/hook")))
                .isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> receivers.check(URI.create("http://[::1]:8081/hook")))
                .isInstanceOf(EndpointRefused.class);
    }

    @Test
    void allowlistedRange_coversEveryAddressTheHostResolvesTo() throws Exception {
        assertThat(policy("10.20.0.0/16").check(URI.create("http://internal.example/hook")))
                .hasSize(1);
        assertThatThrownBy(() -> policy("10.21.0.0/16").check(URI.create("https://internal.example/hook")))
                .isInstanceOf(EndpointRefused.class);
        // one public and one private address: the private one is not in the range, so refused
        assertThatThrownBy(() -> policy("10.20.0.0/16").check(URI.create("https://mixed.example.com/hook")))
                .isInstanceOf(EndpointRefused.class);
        assertThat(policy("fd12::/64").check(URI.create("https://[fd12::7]/hook")))
                .hasSize(1);
    }

    @Test
    void unknownHost_isNotARuleBreach_butDoesNotResolve() {
        EndpointPolicy nothingResolves = new EndpointPolicy(AllowedEndpoints.none(), host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> nothingResolves.check(URI.create("https://gone.example.com/")))
                .isInstanceOf(UnknownHostException.class);
        nothingResolves.checkUnresolved(URI.create("https://gone.example.com/"));
        assertThatThrownBy(() -> nothingResolves.checkUnresolved(URI.create("http://gone.example.com/")))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks example", "10.0.0.0/33", "hooks.example:0", "hooks.example:http", "name/8", ""})
    void malformedAllowlistEntries_areRejected_namingTheSetting(String entry) {
        assertThatThrownBy(() -> AllowedEndpoints.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mediwox.notification.rest-hook.allowed-endpoints");
    }
}
