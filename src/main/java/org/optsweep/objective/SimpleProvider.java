package org.optsweep.objective;

import java.util.List;
import java.util.function.Function;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * An {@link ObjectiveProvider} made of its parts: name, one-line description, parameters and a
 * factory. Saves each objective the four-method boilerplate; users may extend it too.
 */
public class SimpleProvider implements ObjectiveProvider {
  private final String name;
  private final String description;
  private final List<Param<?>> params;
  private final Function<Settings, Objective> factory;

  /**
   * @param name        the registered name
   * @param description formula and known optimum, one line
   * @param params      every parameter with default, range and doc
   * @param factory     builds an instance from validated settings
   */
  public SimpleProvider(String name, String description, List<? extends Param<?>> params, Function<Settings, Objective> factory) {
    this.name = name;
    this.description = description;
    this.params = List.copyOf(params);
    this.factory = factory;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<Param<?>> params() {
    return params;
  }

  @Override
  public Objective create(Settings settings) {
    return factory.apply(settings);
  }
}
