package org.mediwox.scheduling.publish;

import java.time.Instant;
import java.util.List;

/** The {@code $bulk-publish} manifest: {@code transactionTime}, {@code request}, {@code output}, {@code error}. */
record Manifest(Instant transactionTime, String request, List<Output> output) {

    /** One file: its type, URL and the states of the Locations it covers (the specification's {@code extension}). */
    record Output(String type, String url, List<String> states) {}

    String toJson() {
        StringBuilder json = new StringBuilder(256 + output.size() * 160);
        json.append("{\"transactionTime\":")
                .append(string(transactionTime
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .toString()));
        json.append(",\"request\":").append(string(request)).append(",\"output\":[");
        for (int i = 0; i < output.size(); i++) {
            Output o = output.get(i);
            json.append(i == 0 ? "" : ",").append("{\"type\":").append(string(o.type()));
            json.append(",\"url\":").append(string(o.url())).append(",\"extension\":{\"state\":[");
            for (int s = 0; s < o.states().size(); s++) {
                json.append(s == 0 ? "" : ",").append(string(o.states().get(s)));
            }
            json.append("]}}");
        }
        return json.append("],\"error\":[]}").toString();
    }

    /** A JSON string literal. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
