module.exports = async () => {
  if (globalThis.__GG_PG__) await globalThis.__GG_PG__.stop();
};
