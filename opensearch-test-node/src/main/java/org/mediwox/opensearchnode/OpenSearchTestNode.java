package org.mediwox.opensearchnode;

import java.io.IOException;
import java.io.InputStream;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one OpenSearch 2.19 node on the loopback address until its standard input closes: the test that started it
 * closes it to stop the node, and if that test's JVM dies the pipe closes with it, so the node never outlives it.
 *
 * <p>Arguments: base directory, HTTP port, transport port. Security is off (no security plugin is on the class
 * path); the node accepts connections from this host only.
 */
public final class OpenSearchTestNode {

    /**
     * HTTP and transport, and the analysis the server's index settings name (edge n-grams, snowball, word
     * delimiter...). Scripting is left out: building Painless's lookup tables alone took over a minute of the start
     * on a loaded 2-core machine, and Hibernate Search's full-text search does not use scripts.
     */
    private static final String MODULES = String.join(
            ",",
            "org.opensearch.transport.Netty4Plugin",
            "org.opensearch.analysis.common.CommonAnalysisPlugin",
            "org.opensearch.index.mapper.MapperExtrasPlugin");

    private OpenSearchTestNode() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: OpenSearchTestNode <base directory> <http port> <transport port>");
            System.exit(2);
        }
        String basePath = args[0];
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = Integer.parseInt(args[2]);

        OpenSearchRunner runner = new OpenSearchRunner();
        // the runner looks for a free HTTP port from base + 1 up to this maximum (9299 by default)
        runner.setMaxHttpPort(httpPort);
        runner.onBuild((number, settings) -> settings.put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("discovery.type", "single-node")
                // a test's disk may be fuller than OpenSearch's defaults allow for new shards
                .put("cluster.routing.allocation.disk.threshold_enabled", false));
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(basePath)
                    .numOfNode(1)
                    .baseHttpPort(httpPort - 1)
                    .clusterName("mediwox-test")
                    .moduleTypes(MODULES)
                    .printOnFailure());
        } catch (RuntimeException e) {
            e.printStackTrace();
            runner.close();
            System.exit(1);
        }
        runner.ensureYellow();
        System.out.println("OpenSearch test node ready on http://127.0.0.1:" + httpPort);

        InputStream in = System.in;
        while (in.read() != -1) {
            // any input is ignored; end of input stops the node
        }
        runner.close();
        System.exit(0);
    }
}
