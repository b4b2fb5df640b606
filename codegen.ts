import fs from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * GraphQL Code Generator, client preset: typed documents for every example
 * operation of the README (and any front-end that copies this file: point
 * `documents` at its sources). `npx graphql-codegen` writes client/generated/.
 *
 * Scalars: SafeInt is a JSON number the server guarantees to be a safe
 * integer (|n| ≤ 2^53 − 1), so `number` holds every yuan value exactly: the
 * largest sum the article gives, 582亿元, is 5.82e10, far below 9e15. The
 * server refuses (rather than rounds) a value beyond that range.
 */

/** Each ```graphql block of the README is one named operation. */
const readmeOperations = [...fs.readFileSync(`${__dirname}/README.md`, "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map(([, body]) => body);

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: [...readmeOperations, "examples/src/**/*.graphql"],
  ignoreNoDocuments: true,
  generates: {
    // CODEGEN_OUT: where a test writes, to compare with the committed files.
    [process.env.CODEGEN_OUT ?? "client/generated/"]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        strictScalars: true,
        scalars: { SafeInt: "number" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
