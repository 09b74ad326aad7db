package org.mediwox.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformedQueryFilterTest {

    @Test
    void percentEscapes_mustHaveTwoHexDigits() {
        assertThat(MalformedQueryFilter.malformedPercentEscape(null)).isNull();
        assertThat(MalformedQueryFilter.malformedPercentEscape("name=a%20b&x=%7C&y=%c3%a9"))
                .isNull();
        for (String bad : new String[] {"name=%zz", "name=%", "name=a%2", "a=%g1&b=1"}) {
            assertThat(MalformedQueryFilter.malformedPercentEscape(bad))
                    .as(bad)
                    .contains("malformed percent-escape")
                    .contains("%25");
        }
    }
}
