package io.orderflow.streams.query.service;

import io.orderflow.avro.Product;
import io.orderflow.avro.StockLevel;
import io.orderflow.streams.catalog.CatalogTopology;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Read;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import io.orderflow.streams.query.view.Views;
import io.orderflow.streams.query.view.Views.StockView;
import io.orderflow.streams.stock.StockTopology;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stock per SKU from {@code stock-levels-store} (partitioned by SKU), with the reorder point
 * from the catalog's global {@code products-store} (0 for a SKU not in the catalog).
 */
public final class StockQueries {

    private final StateReader state;
    private final FanOut fanOut;
    /** Stock lists are ordered by SKU. */
    public final Ordering<StockView> ordering;

    public StockQueries(StateReader state, FanOut fanOut) {
        this.state = state;
        this.fanOut = fanOut;
        this.ordering = Ordering.ofRows(StockView.class, Comparator.comparing(StockView::sku), fanOut.json());
    }

    /** One SKU's stock, from the instance that holds the SKU's partition (else one of its standbys). */
    public CompletableFuture<Lookup<StockView>> stock(String sku, Caller caller) {
        Lookup<StockView> here = stock(sku, Read.DEFAULT);
        if (here instanceof Lookup.Elsewhere<StockView> elsewhere) {
            return fanOut.peers().askHolder(elsewhere, standby -> new PeerQuery.OneStock(sku, standby), caller);
        }
        return CompletableFuture.completedFuture(here);
    }

    /** One SKU's stock as a peer is asked for it: held here, a standby's copy too when {@code standby}. */
    Lookup<StockView> stockHere(String sku, boolean standby) {
        return stock(sku, new Read(true, standby, java.util.Optional.empty()));
    }

    private Lookup<StockView> stock(String sku, Read read) {
        Lookup<StockLevel> level = state.get(StockTopology.STOCK_STORE, sku, read);
        if (level instanceof Lookup.Found<StockLevel> found) {
            return new Lookup.Found<>(Views.stock(found.value(), reorderPoint(sku)), found.lag());
        }
        return level.retype();
    }

    public Lookup<List<Slice<StockView>>> here(boolean belowReorder, Page<StockView> page, boolean allowStandby) {
        return state.<StockLevel, StockView>scan(StockTopology.STOCK_STORE, page, allowStandby, (sku, level) -> {
            if (level == null) {
                return null;
            }
            StockView view = Views.stock(level, reorderPoint(sku));
            return !belowReorder || view.available() < view.reorderPoint() ? view : null;
        });
    }

    public CompletableFuture<Lookup<Streamed<StockView>>> list(boolean belowReorder, Caller caller) {
        return fanOut.stream(StockTopology.STOCK_STORE, ordering, page -> here(belowReorder, page, true),
                slices -> new PeerQuery.StockList(belowReorder, slices), caller, java.util.Optional.empty(),
                fanOut.pageSize());
    }

    private int reorderPoint(String sku) {
        return state.<Product>global(CatalogTopology.PRODUCTS_STORE, sku).map(Product::getReorderPoint).orElse(0);
    }

    /** The most products a catalog answer holds: the entry form's list, not an export of the catalog. */
    public static final int CATALOG_LIMIT = 5000;

    /** The catalog ({@code products-store}, global: this instance holds all of it), by SKU. */
    public List<Views.ProductView> products() {
        return state.<Product>globalValues(CatalogTopology.PRODUCTS_STORE, CATALOG_LIMIT).stream()
                .map(Views::product).toList();
    }
}
