/** Runs `build` on top of an opened resource; when it fails, closes the resource before passing the failure on. */
export async function closeOnFailure<T>(close: () => Promise<void>, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    await close();
    throw error;
  }
}
