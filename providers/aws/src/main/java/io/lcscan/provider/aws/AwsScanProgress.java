package io.lcscan.provider.aws;

/**
 * Hears how far a scan is, in account-region units: each account's regions, plus one for its global
 * services. Units are announced as each account's regions become known, so the total grows while an
 * organization is being planned. Called from collection threads.
 */
public interface AwsScanProgress {

  /** Listens to nothing. */
  AwsScanProgress NONE =
      new AwsScanProgress() {
        @Override
        public void planned(int units) {}

        @Override
        public void finished(int units) {}
      };

  /** More account-regions will be collected. */
  void planned(int units);

  /** Account-regions whose every collector has ended, with or without gaps. */
  void finished(int units);
}
