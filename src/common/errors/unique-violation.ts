/** Both drivers' unique-constraint failures, with the index or column text that names what clashed. */
export function uniqueViolation(error: unknown): string | null {
  type DriverError = { code?: string; constraint?: string; message?: string };
  const e = error as DriverError & { driverError?: DriverError };
  const driver: DriverError | undefined = e?.driverError ?? e;
  if (driver?.code === '23505') return driver.constraint ?? driver.message ?? 'unique';
  if (driver?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(driver.message ?? ''))
    return driver.message ?? 'unique';
  return null;
}
