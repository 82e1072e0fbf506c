// Who the control plane's own writes are recorded as in metadata.managedFields: the names
// kube's components carry (they come from their User-Agents there), so `kubectl get
// --show-managed-fields` reads as it does against a real cluster. Passed as the registry's
// WriteOptions.fieldManager; a write without one records nothing.
export const KUBE_CONTROLLER_MANAGER = 'kube-controller-manager';
export const KUBE_SCHEDULER = 'kube-scheduler';

/** The WriteOptions of every write the controllers of kube-controller-manager make. */
export const asControllerManager = { fieldManager: KUBE_CONTROLLER_MANAGER } as const;
