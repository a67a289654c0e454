/** Every Conditional Access Graph module (issue #5), registered with one line in modules.ts. */
import type { GraphModule } from "./graph-module";
import { conditionalAccessPoliciesModule } from "./conditional-access.routes";
import { namedLocationsModule } from "./named-locations.routes";
import { authenticationStrengthsModule } from "./authentication-strengths.routes";
import { whatIfModule } from "./what-if.routes";

export const conditionalAccessModules: GraphModule[] = [conditionalAccessPoliciesModule, namedLocationsModule, authenticationStrengthsModule, whatIfModule];
