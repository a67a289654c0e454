/**
 * Graph resource modules besides users, in registration order. Each capability adds its module here
 * (one line each) so route files stay independent of each other.
 */
import type { GraphModule } from "./graph-module";

export const GRAPH_MODULES: GraphModule[] = [];
