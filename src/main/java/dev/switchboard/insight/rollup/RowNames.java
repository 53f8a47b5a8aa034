package dev.switchboard.insight.rollup;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Model;
import dev.switchboard.catalog.Provider;
import dev.switchboard.insight.Dimension;
import dev.switchboard.ledger.UsageRecord;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ledger row's name in every dimension: the model is the served one (else the requested one, for
 * a request no provider answered); author and origin country are the catalog's for that model, the
 * provider country its provider's jurisdiction; a deployment is {@code model@provider}. {@code ""}
 * names a row without a value (no provider, no app, a model the catalog does not know).
 */
public final class RowNames {
  static final String NONE = "";

  private final Catalog catalog;

  public RowNames(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The row's name per dimension, every dimension present. */
  public Map<Dimension, String> of(UsageRecord row) {
    String model = row.servedModel().orElse(row.requestedModel());
    Optional<Model> known = catalog.model(model);
    String provider = row.provider().orElse(NONE);
    Map<Dimension, String> names = new EnumMap<>(Dimension.class);
    names.put(Dimension.KEY, row.keyId());
    names.put(Dimension.MODEL, model);
    names.put(Dimension.AUTHOR, known.map(Model::author).orElse(NONE));
    names.put(Dimension.ORIGIN, known.map(Model::originCountry).orElse(NONE));
    names.put(Dimension.PROVIDER, provider);
    names.put(
        Dimension.PROVIDER_COUNTRY,
        catalog.provider(provider).map(Provider::jurisdiction).orElse(NONE));
    names.put(Dimension.DATA_CLASS, row.handling().dataClass());
    names.put(Dimension.APP, row.app().orElse(NONE));
    names.put(Dimension.CATEGORY, row.category().orElse(NONE));
    names.put(
        Dimension.DEPLOYMENT,
        row.servedModel().isPresent() && row.provider().isPresent()
            ? model + "@" + provider
            : NONE);
    return names;
  }
}
