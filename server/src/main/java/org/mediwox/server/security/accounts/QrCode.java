package org.mediwox.server.security.accounts;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * A QR code as inline SVG, drawn on the server (zxing's encoder; no image library, no script): one {@code <path>} of
 * the dark modules, one row run at a time, inside the four-module quiet zone the QR standard asks for. The SVG is an
 * image with an accessible name ({@code role="img"}, {@code aria-label}); what it encodes must also be on the page as
 * text, for those who cannot scan it.
 */
final class QrCode {

    /** Modules of white space around the code (ISO/IEC 18004). */
    static final int QUIET_ZONE = 4;

    private QrCode() {}

    /**
     * @param text what the code holds (an {@code otpauth://} URI)
     * @param label the image's accessible name, already in the page's language (escaped here)
     */
    static String svg(String text, String label) {
        ByteMatrix matrix = matrix(text);
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (matrix.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < matrix.getWidth() && matrix.get(x + run, y) == 1) {
                    run++;
                }
                path.append('M')
                        .append(x + QUIET_ZONE)
                        .append(' ')
                        .append(y + QUIET_ZONE)
                        .append('h')
                        .append(run)
                        .append("v1h-")
                        .append(run)
                        .append('z');
                x += run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" id=\"qr\" role=\"img\" aria-label=\""
                + Page.h(label) + "\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /**
     * The modules of the code: 1 dark, 0 light; error correction M (15 %). No character set is named: the URI is ASCII
     * (its label is percent-encoded), and without an ECI header every scanner reads it.
     */
    static ByteMatrix matrix(String text) {
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
        } catch (WriterException e) {
            // only for text beyond a QR code's capacity (about 2,300 bytes at level M): an otpauth URI is ~150
            throw new IllegalArgumentException("too long for a QR code: " + text.length() + " characters", e);
        }
    }
}
