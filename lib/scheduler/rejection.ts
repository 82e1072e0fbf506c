// Why a filter refused a node, in kube-scheduler's terms: the plugin that refused, its
// reason strings (counted verbatim in the "0/N nodes are available" message), and whether
// evicting lower-priority pods could ever help (kube's Unschedulable, as opposed to
// UnschedulableAndUnresolvable), which decides how the preemption clause reads.
export interface Rejection {
  plugin: string;
  reasons: string[];
  resolvable: boolean;
}

export function unresolvable(plugin: string, reason: string): Rejection {
  return { plugin, reasons: [reason], resolvable: false };
}
