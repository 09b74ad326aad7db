package org.mediwox.notification.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelHeadersTest {

    @Test
    void wellFormedHeader_isSplitIntoNameAndValue() {
        assertThat(ChannelHeaders.parse("Authorization: Bearer subscriber-secret"))
                .isEqualTo(Map.entry("Authorization", "Bearer subscriber-secret"));
        assertThat(ChannelHeaders.parse("X-Tenant:42")).isEqualTo(Map.entry("X-Tenant", "42"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Authorization: Bearer x\r\nHost: internal",
                "Authorization: Bearer x\nX-Other: y",
                "Authorization: Bearer x\r",
                "X-A: b\u0000c",
                "Bad Name: x",
                "NoColon",
                ": empty name",
                "Na\u00efve: x"
            })
    void malformedLines_areRefused(String line) {
        assertThatThrownBy(() -> ChannelHeaders.parse(line)).isInstanceOf(EndpointRefused.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Host: 169.254.169.254",
                "host: x",
                "Content-Length: 0",
                "Transfer-Encoding: chunked",
                "Connection: close",
                "Upgrade: h2c",
                "Expect: 100-continue",
                "X-Mediwox-Dedupe-Key: forged"
            })
    void framingRoutingAndHopByHopHeaders_areRefused_namingTheHeader(String line) {
        assertThatThrownBy(() -> ChannelHeaders.parse(line))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining(line.substring(0, line.indexOf(':')))
                .hasMessageContaining("set by Mediwox");
    }
}
