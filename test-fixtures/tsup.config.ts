import { pkg } from "../tsup.base.ts";

// The S3 helpers are an entry of their own, so that only S3 suites load the AWS SDK.
export default pkg({ entry: ["src/index.ts", "src/s3.ts"] });
