package org.mediwox.server.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The second factor's QR code: what a phone's scanner reads from the SVG is the otpauth URI, secret and all. */
class QrCodeTest {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final int PIXELS_PER_MODULE = 4;

    @Test
    void svg_decodesBackToTheOtpauthUri_withTheSameSecret() throws Exception {
        String secret = Totp.newSecret();
        String uri = Totp.uri(secret, "ana.garcia+2fa@example.org");

        String svg = QrCode.svg(uri, "QR code <for> Mediwox");

        assertThat(decode(svg)).isEqualTo(uri);
        assertThat(decode(svg)).contains("secret=" + secret + "&");
        assertThat(svg)
                .startsWith("<svg ")
                .contains("role=\"img\"", "aria-label=\"QR code &lt;for&gt; Mediwox\"")
                .doesNotContain("<script");
    }

    @Test
    void svg_keepsTheQuietZone_aroundTheCode() throws Exception {
        String svg = QrCode.svg("otpauth://totp/Mediwox:x?secret=JBSWY3DPEHPK3PXP", "QR");
        int size = size(svg);
        Matcher runs = RUN.matcher(svg);
        int least = Integer.MAX_VALUE;
        int most = 0;
        while (runs.find()) {
            int x = Integer.parseInt(runs.group(1));
            int y = Integer.parseInt(runs.group(2));
            least = Math.min(least, Math.min(x, y));
            most = Math.max(most, Math.max(x + Integer.parseInt(runs.group(3)), y + 1));
        }
        assertThat(least).isEqualTo(QrCode.QUIET_ZONE);
        assertThat(most).isEqualTo(size - QrCode.QUIET_ZONE);
    }

    @Test
    void spokenKey_isOneCharacterAtATime_inGroupsOfFour() {
        assertThat(Totp.spoken("JBSWY3DPEH")).isEqualTo("J B S W, Y 3 D P, E H");
    }

    /** What a scanner reads: the SVG's dark runs painted as pixels, decoded by zxing's QR reader. */
    static String decode(String svg) throws Exception {
        int size = size(svg);
        int width = size * PIXELS_PER_MODULE;
        int[] pixels = new int[width * width];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher runs = RUN.matcher(svg);
        while (runs.find()) {
            int x = Integer.parseInt(runs.group(1));
            int y = Integer.parseInt(runs.group(2));
            int run = Integer.parseInt(runs.group(3));
            for (int py = y * PIXELS_PER_MODULE; py < (y + 1) * PIXELS_PER_MODULE; py++) {
                for (int px = x * PIXELS_PER_MODULE; px < (x + run) * PIXELS_PER_MODULE; px++) {
                    pixels[py * width + px] = 0xFF000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, width, pixels)));
        return new QRCodeReader()
                .decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
    }

    private static int size(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).as(svg).isTrue();
        assertThat(box.group(1)).isEqualTo(box.group(2));
        return Integer.parseInt(box.group(1));
    }
}
