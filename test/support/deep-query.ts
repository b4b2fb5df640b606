/** The deepest query README.md documents; the statement-count test runs exactly this text. */
export const DEEP_QUERY = `query Deep {
  places(first: 100) {
    nodes {
      name
      parent { name }
      projects(first: 100, orderBy: [{ field: INVESTMENT, direction: DESC }]) {
        totalCount
        investment { sum approximate }
        nodes {
          name
          investment { value approximate }
          organizations {
            edges {
              role
              node { name people { nodes { name quotes { nodes { text event { name } } } } } }
            }
          }
          events { nodes { name participants { nodes { role person { name } organization { name } } } } }
          figures { nodes { label value } }
        }
      }
    }
  }
}`;
