// @observatory/oracle: The routing oracle SDK and obs-oracle: pick healthy models from one committed epoch.
export {};
