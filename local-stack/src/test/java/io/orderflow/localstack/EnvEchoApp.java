package io.orderflow.localstack;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;

/**
 * A stand-in application for {@link LocalStackAppsIT}: answers every request with its environment in
 * properties format, and its process id as {@value #PID}. Needs nothing but the JDK, so its classpath is just
 * the test classes.
 */
public final class EnvEchoApp {

    /** The property that holds the process id: no environment variable has a dot in its name. */
    static final String PID = "echo.pid";

    private EnvEchoApp() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("ECHO_PORT"));
        Properties env = new Properties();
        env.putAll(System.getenv());
        env.setProperty(PID, Long.toString(ProcessHandle.current().pid()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        env.store(body, null);
        byte[] response = body.toByteArray();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }
}
