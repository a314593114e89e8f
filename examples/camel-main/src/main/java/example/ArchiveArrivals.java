package example;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/** A deltasync server whose every file arriving from a client is also copied to an archive folder. */
public class ArchiveArrivals extends RouteBuilder {

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new ArchiveArrivals());
        main.run(args);
    }

    @Override
    public void configure() {
        from("deltasync:server?dir={{shared}}&port={{port}}&mode=0&secret=RAW({{secret}})")
                .routeId("archive-arrivals").routeDescription("Copy every file a client uploads to the archive")
                .filter(header("DeltaSyncEvent").in("ARRIVED", "UPDATED"))
                .to("file:{{archive}}");
    }
}
