throw new Error("deliberate failure");
