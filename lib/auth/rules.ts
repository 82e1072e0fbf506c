// The rules a user holds, as SelfSubjectRulesReview reports them (kube's RuleResolver output,
// shaped like authorization.k8s.io/v1 ResourceRule / NonResourceRule).

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface RulesForUser {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  /** True when an authorizer could not enumerate its rules (webhooks cannot). */
  incomplete: boolean;
  evaluationError?: string;
}

/** Everything, as the cluster-admin ClusterRole grants it: any verb on any resource and path. */
export const ALLOW_ALL_RULES: RulesForUser = Object.freeze({
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
  incomplete: false,
}) as RulesForUser;

export const NO_RULES: RulesForUser = Object.freeze({ resourceRules: [], nonResourceRules: [], incomplete: false }) as RulesForUser;
