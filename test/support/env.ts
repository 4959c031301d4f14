// Runs before each e2e file's imports: entity column types depend on the driver chosen here.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'silent';
process.env.TZ_BUSINESS = 'Asia/Shanghai';
process.env.JWT_SECRET = 'e2e-jwt-secret-e2e-jwt-secret-e2e-jwt-secret';
process.env.PII_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
process.env.ADMIN_USERNAME = 'admin';
process.env.ADMIN_PASSWORD = 'admin-password';
// Cheap password hashes: the suite creates hundreds of users; production keeps argon2's default cost.
process.env.PASSWORD_HASH_MEMORY_KIB = '4096';
if (process.env.DB === 'postgres') {
  process.env.DATABASE_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
} else {
  delete process.env.DATABASE_URL;
}
delete process.env.REDIS_URL;
// Standing schedules (18:00, Monday 09:00) would fire in whichever test app is up at that instant.
process.env.JOB_SCHEDULES = 'false';
