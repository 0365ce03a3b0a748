/**
 * Every concept named in shared/roadmap-outline.md (sections 1 to 7), which the built-in
 * senior-backend roadmap must teach at least as a concept of some topic.
 *
 * `spellings` are the phrasings that count as naming the concept, matched case-insensitively as
 * whole words inside a topic's concept phrase (a plural ending is allowed). They are deliberately
 * specific: a spelling as loose as "queries" or "algorithms" would be satisfied by an unrelated
 * topic and prove nothing.
 */

export interface OutlineConcept {
  /** The outline section that names it, such as "1.2". */
  section: string;
  /** The concept as the outline names it. */
  name: string;
  /** Accepted spellings and synonyms; at least one must appear in some topic's concepts. */
  spellings: string[];
}

const concept = (section: string, name: string, ...spellings: string[]): OutlineConcept => ({
  section,
  name,
  spellings: spellings.length > 0 ? spellings : [name],
});

export const outlineConcepts: OutlineConcept[] = [
  // 1.1 Networking
  concept('1.1', 'IP', 'Internet Protocol', 'IPv4', 'IPv6'),
  concept('1.1', 'DNS', 'DNS', 'Domain Name System'),
  concept('1.1', 'TCP', 'TCP', 'Transmission Control Protocol'),
  concept('1.1', 'TLS', 'TLS', 'Transport Layer Security'),
  concept('1.1', 'HTTP request/response', 'request/response', 'request-response'),
  concept('1.1', 'HTTP methods', 'HTTP methods', 'request methods'),
  concept('1.1', 'HTTP headers', 'header fields', 'HTTP headers'),
  concept('1.1', 'HTTP body', 'message body', 'request body', 'response body'),
  concept('1.1', 'status codes', 'status codes', 'status code classes'),
  concept('1.1', 'status code 200', '200 OK', '200'),
  concept('1.1', 'status code 404', '404 Not Found', '404'),
  concept('1.1', 'status code 503', '503 Service Unavailable', '503'),

  // 1.2 Web mechanisms
  concept('1.2', 'content negotiation'),
  concept('1.2', 'Accept headers', 'Accept header', 'Accept-Language', 'Accept-Encoding'),
  concept('1.2', 'HTTP Basic authentication', 'Basic authentication', 'Basic auth', 'Basic scheme'),
  concept('1.2', 'why Basic authentication needs HTTPS', 'Basic auth requires HTTPS', 'Basic authentication requires HTTPS'),
  concept('1.2', 'CORS', 'CORS', 'Cross-Origin Resource Sharing'),
  concept('1.2', 'HTTP caching', 'HTTP caching', 'HTTP cache'),
  concept('1.2', 'caching headers', 'Cache-Control', 'ETag', 'Last-Modified'),
  concept('1.2', 'cache invalidation when a resource changes', 'cache invalidation', 'invalidation when a resource changes'),
  concept('1.2', 'browser network tab', 'network tab', 'Network panel'),
  concept('1.2', 'API client', 'API client', 'Postman'),

  // 1.3 Programming paradigms
  concept('1.3', 'OOP', 'OOP', 'object-oriented programming'),
  concept('1.3', 'class design'),
  concept('1.3', 'the four pillars of OOP', 'four pillars'),
  concept('1.3', 'abstraction'),
  concept('1.3', 'encapsulation'),
  concept('1.3', 'inheritance'),
  concept('1.3', 'polymorphism'),
  concept('1.3', 'access modifiers'),
  concept('1.3', 'abstract classes'),
  concept('1.3', 'SOLID'),
  concept('1.3', 'dependency injection'),
  concept('1.3', 'inversion of control'),
  concept('1.3', 'functional programming'),
  concept('1.3', 'pure functions'),
  concept('1.3', 'immutability'),
  concept('1.3', 'side effects'),
  concept('1.3', 'determinism', 'determinism', 'deterministic'),
  concept('1.3', 'recursion'),
  concept('1.3', 'reactive programming'),
  concept('1.3', 'asynchronous data streams'),
  concept('1.3', 'event-driven architecture'),

  // 1.4 Storage
  concept('1.4', 'SELECT queries'),
  concept('1.4', 'table definitions', 'table definitions', 'CREATE TABLE'),
  concept('1.4', 'column types'),
  concept('1.4', 'inner join'),
  concept('1.4', 'left join', 'left join', 'left outer join'),
  concept('1.4', 'right join', 'right join', 'right outer join'),
  concept('1.4', 'ACID transactions', 'ACID transactions', 'ACID properties'),
  concept('1.4', 'ORMs', 'ORM', 'object-relational mapping'),
  concept('1.4', 'Active Record', 'Active Record'),
  concept('1.4', 'Repository pattern', 'Repository pattern'),
  concept('1.4', 'migrations', 'schema migrations', 'database migrations'),
  concept('1.4', 'NoSQL'),
  concept('1.4', 'document databases', 'document database', 'document model'),
  concept('1.4', 'MongoDB'),
  concept('1.4', 'MongoDB operators such as $in', '$in'),
  concept('1.4', 'graph databases', 'graph database', 'property graph'),
  concept('1.4', 'Neo4j'),
  concept('1.4', 'BASE vs ACID', 'BASE vs ACID', 'ACID vs BASE'),
  concept('1.4', 'horizontal scaling', 'horizontal scaling', 'horizontal vs vertical scaling'),
  concept('1.4', 'vertical scaling', 'vertical scaling', 'horizontal vs vertical scaling'),
  concept('1.4', 'how RAM and disk shape performance', 'RAM, disk', 'working set'),

  // 1.5 Data structures, algorithms and system design interviews
  concept('1.5', 'data structures', 'data structure'),
  concept('1.5', 'algorithms', 'big-O', 'algorithmic complexity', 'sorting and binary search'),
  concept('1.5', 'system design interviews', 'system design interview'),

  // 2.1 REST: what an API is and REST principles
  concept('2.1', 'API', 'API as a contract', 'web API'),
  concept('2.1', 'API vs REST API', 'API versus REST API', 'REST API'),
  concept('2.1', 'REST principles', 'REST architectural constraints', 'REST constraints', 'REST principles'),
  concept('2.1', 'statelessness', 'statelessness', 'stateless'),
  concept('2.1', 'uniform interface'),
  concept('2.1', 'GET, POST, PUT and DELETE', 'GET, POST, PUT, DELETE', 'standard methods'),
  concept('2.1', 'resources identified by URIs'),
  concept('2.1', 'designing endpoints', 'endpoint design', 'resource naming'),

  // 2.1 Testing
  concept('2.1', 'unit tests', 'unit tests'),
  concept('2.1', 'integration tests from the outside', 'integration tests'),
  concept('2.1', 'Jest and Supertest', 'Supertest', 'Jest'),
  concept('2.1', 'end-to-end tests', 'end-to-end tests'),
  concept('2.1', 'test doubles'),
  concept('2.1', 'seeding a test database with realistic data', 'seeding with realistic data', 'seeding'),
  concept('2.1', 'schema migrations in tests', 'schema migrations applied in tests'),
  concept('2.1', 'load testing'),
  concept('2.1', 'finding bottlenecks (often the database)', 'finding the bottleneck'),
  concept('2.1', 'caching and load balancing', 'caching and load balancing'),

  // 2.1 Documentation
  concept('2.1', 'OpenAPI'),
  concept('2.1', 'Swagger'),
  concept('2.1', 'Postman'),
  concept('2.1', 'per-endpoint reference (URL, parameters, method, headers, bodies, status codes)', 'per-endpoint reference'),
  concept('2.1', 'success and error examples'),
  concept('2.1', 'documenting rate limits and authentication', 'documenting authentication and rate limits'),
  concept('2.1', 'integration tutorial'),

  // 2.1 Versioning
  concept('2.1', 'versioning in the URI path', 'versioning in the URI path'),
  concept('2.1', 'versioning as a query parameter', 'versioning with a query parameter'),
  concept('2.1', 'versioning in a custom header', 'versioning with a custom header'),
  concept('2.1', 'backward compatibility'),

  // 2.2 GraphQL
  concept('2.2', 'GraphQL'),
  concept('2.2', 'strongly typed schema'),
  concept('2.2', 'GraphQL queries', 'queries, mutations and subscriptions'),
  concept('2.2', 'resolvers', 'resolvers and the execution model', 'GraphQL resolvers'),
  concept('2.2', 'the n+1 problem', 'n+1'),
  concept('2.2', 'graphs of types', 'graph of types'),
  concept('2.2', 'why GraphQL caching is harder', 'HTTP caching is harder for GraphQL'),

  // 3.1 Security fundamentals
  concept('3.1', 'SQL injection'),
  concept('3.1', 'CSRF', 'CSRF', 'cross-site request forgery'),
  concept('3.1', 'man-in-the-middle', 'man-in-the-middle', 'MITM'),
  concept('3.1', 'HTTPS'),
  concept('3.1', 'certificates', 'X.509 certificate', 'certificate chain', 'chain of trust'),

  // 3.2 Advanced security
  concept('3.2', 'DDoS', 'DDoS', 'distributed denial of service'),
  concept('3.2', 'rate limiting'),
  concept('3.2', 'dependency scanning'),
  concept('3.2', 'Snyk'),
  concept('3.2', 'SonarQube'),

  // 3.3 Authentication and authorization
  concept('3.3', 'OAuth'),
  concept('3.3', 'OAuth grant flows', 'grant flows', 'grant flow'),
  concept('3.3', 'identity provider'),
  concept('3.3', 'identity tenant', 'provider and tenant', 'identity tenant'),
  concept('3.3', 'JWT', 'JWT', 'JSON Web Token'),
  concept('3.3', 'access tokens', 'access token', 'access and refresh tokens'),
  concept('3.3', 'refresh tokens', 'refresh token', 'access and refresh tokens'),
  concept('3.3', 'token lifecycle'),
  concept('3.3', 'HTTP-only cookies', 'HttpOnly cookie', 'HTTP-only cookie'),
  concept('3.3', 'Authorization header'),
  concept('3.3', 'MFA', 'MFA', 'multi-factor authentication'),
  concept('3.3', 'Okta'),
  concept('3.3', 'Auth0'),

  // 4.1 Core architecture patterns
  concept('4.1', 'layered architecture', 'layered architecture', 'layering'),
  concept('4.1', 'MVC', 'MVC', 'model, view and controller'),
  concept('4.1', 'separation of concerns'),
  concept('4.1', 'monolith vs microservices', 'monolith vs microservices'),
  concept('4.1', 'modular monolith'),
  concept('4.1', "Conway's law"),
  concept('4.1', 'micro frontends', 'micro frontend', 'micro-frontend'),

  // 4.2 Distributed systems
  concept('4.2', 'CAP theorem'),
  concept('4.2', 'horizontal scalability', 'horizontal scaling', 'horizontal vs vertical scaling'),
  concept('4.2', 'caching strategies', 'cache-aside', 'read-through', 'write-through'),
  concept('4.2', 'Redis'),
  concept('4.2', 'Kafka'),
  concept('4.2', 'distributed logging'),

  // 4.3 Cloud architecture
  concept('4.3', 'containers vs virtual machines', 'containers vs virtual machines'),
  concept('4.3', 'Docker images', 'Docker image', 'container image'),
  concept('4.3', 'Docker Compose'),
  concept('4.3', 'Kubernetes orchestration', 'Kubernetes'),
  concept('4.3', 'pods', 'pod'),
  concept('4.3', 'replicas', 'replicas', 'ReplicaSet'),
  concept('4.3', 'sidecar pattern', 'sidecar'),
  concept('4.3', 'ambassador pattern', 'ambassador'),

  // 5.1 CI/CD
  concept('5.1', 'CI/CD', 'CI/CD', 'continuous integration', 'continuous delivery'),
  concept('5.1', 'pipelines', 'pipeline'),
  concept('5.1', 'jobs', 'stages and jobs', 'jobs'),
  concept('5.1', 'stages', 'stages and jobs', 'stages'),
  concept('5.1', 'workflows', 'workflows and triggers', 'CI workflows'),
  concept('5.1', 'build servers', 'build server'),
  concept('5.1', 'artifacts', 'artifact'),
  concept('5.1', 'Jenkins'),
  concept('5.1', 'GitLab CI', 'GitLab CI', 'GitLab CI/CD'),
  concept('5.1', 'CircleCI'),
  concept('5.1', 'Travis CI'),
  concept('5.1', 'GitHub Actions'),

  // 5.2 Cloud services
  concept('5.2', 'EC2', 'EC2'),
  concept('5.2', 'ECS', 'ECS'),
  concept('5.2', 'S3', 'S3'),
  concept('5.2', 'RDS', 'RDS'),
  concept('5.2', 'DynamoDB'),
  concept('5.2', 'security groups', 'security group'),
  concept('5.2', 'VPC'),
  concept('5.2', 'IAM'),
  concept('5.2', 'infrastructure as code', 'infrastructure as code', 'IaC'),
  concept('5.2', 'CloudFormation'),
  concept('5.2', 'Terraform'),
  concept('5.2', 'serverless'),
  concept('5.2', 'cold starts', 'cold start'),
  concept('5.2', 'serverless concurrency', 'concurrency (reserved and provisioned)'),
  concept('5.2', 'API Gateway'),
  concept('5.2', 'Lambda', 'Lambda', 'AWS Lambda'),
  concept('5.2', 'Step Functions'),

  // 5.3 Monitoring and observability
  concept('5.3', 'observability'),
  concept('5.3', 'logging vs monitoring'),
  concept('5.3', 'HTTP logging', 'HTTP logging', 'access logs'),
  concept('5.3', 'push vs pull metrics'),
  concept('5.3', 'APM metrics', 'APM metrics', 'application performance monitoring'),
  concept('5.3', 'Datadog'),
  concept('5.3', 'CloudWatch'),
  concept('5.3', 'Prometheus'),
  concept('5.3', 'Grafana'),

  // 6.1 Blockchain
  concept('6.1', 'blockchain'),
  concept('6.1', 'distributed ledger'),
  concept('6.1', 'smart contracts', 'smart contract'),
  concept('6.1', 'Ethereum'),

  // 6.2 Machine learning and AI
  concept('6.2', 'machine learning and AI', 'machine learning', 'artificial intelligence'),
  concept('6.2', 'predictive models', 'predictive model'),
  concept('6.2', 'linear regression'),
  concept('6.2', 'decision trees', 'decision tree'),
  concept('6.2', 'neural networks', 'neural network'),
  concept('6.2', 'deep learning'),
  concept('6.2', 'LLMs', 'LLM', 'large language model'),
  concept('6.2', "integrating an LLM provider's API", "LLM provider's API"),

  // 7 Methodologies and soft skills
  concept('7', 'Agile', 'Agile', 'Agile Manifesto'),
  concept('7', 'Scrum'),
  concept('7', 'Kanban'),
  concept('7', 'communication with non-technical stakeholders', 'non-technical stakeholders', 'stakeholder communication'),
  concept('7', 'technical leadership'),
];
