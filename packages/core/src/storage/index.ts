export { mirrorRoot, openRemoteState, useStateLocation } from "./attach.js";
export { type CopyReport, copyState } from "./copy.js";
export { isRemoteLocation, parseStateLocation, type StateLocation } from "./location.js";
export {
  bareEtag,
  type Created,
  type ListedObject,
  type ObjectStore,
  type Replaced,
  type StoredObject,
} from "./object-store.js";
export { type RemotePublisher, remoteFor } from "./registry.js";
export { manifestObjects, RemoteState } from "./remote-state.js";
