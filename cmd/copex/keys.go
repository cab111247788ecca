package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/runs"
)

// Signed journals. A journal's hash chain is not keyed: whoever can write the file can
// rewrite it and recompute every hash. copex run --journal J --sign KEY therefore signs
// the journal's head (its entry count and the closing record's hash, which covers every
// entry through the chain) with an ed25519 key, and copex audit J --verify KEY.pub
// checks the signature.
//
// Key files are PEM, as OpenSSL writes them (openssl genpkey -algorithm ed25519 makes
// a private key copex reads): the private key is PKCS #8, "-----BEGIN PRIVATE KEY-----",
// written with mode 0600; the public key is PKIX, "-----BEGIN PUBLIC KEY-----", in
// KEY.pub beside it (openssl pkey -in KEY -pubout gives the same).
//
// The signature is written beside the journal as J.sig, four lines:
//
//	copex-journal-signature v1
//	entries N
//	head HEX
//	signature BASE64
//
// where the signature is ed25519's over the bytes of the message
// "copex-journal-head v1 entries N head HEX" (headMessage).

// sigHeader is the first line of a signature file.
const sigHeader = "copex-journal-signature v1"

// headMessage is what a signature signs: the journal's entry count and head hash.
func headMessage(entries int64, head string) []byte {
	return fmt.Appendf(nil, "copex-journal-head v1 entries %d head %s", entries, head)
}

// signaturePath is where a journal's signature is written: beside it, with ".sig".
func signaturePath(journal string) string { return journal + ".sig" }

func keygenCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "keygen KEYFILE",
		Short: "Make an ed25519 key pair to sign journals: KEYFILE (private, mode 0600) and KEYFILE.pub",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			pub, priv, err := ed25519.GenerateKey(rand.Reader)
			if err != nil {
				return err
			}
			privDER, err := x509.MarshalPKCS8PrivateKey(priv)
			if err != nil {
				return err
			}
			pubDER, err := x509.MarshalPKIXPublicKey(pub)
			if err != nil {
				return err
			}
			for _, p := range []string{path, path + ".pub"} {
				if _, err := os.Lstat(p); err == nil {
					return badInput(fmt.Errorf("keygen: %s exists; not overwriting a key", p))
				}
			}
			if err := writeNew(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}), 0o600); err != nil {
				return badInput(fmt.Errorf("keygen: %w", err))
			}
			if err := writeNew(path+".pub", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644); err != nil {
				os.Remove(path)
				return badInput(fmt.Errorf("keygen: %w", err))
			}
			fmt.Fprintf(stdout, "wrote %s (private key: keep it secret) and %s (public key: give it to auditors)\n", path, path+".pub")
			return nil
		},
	}
}

// writeNew writes data to a file that must not exist yet, with mode perm (less the
// umask).
func writeNew(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// readPEM reads the one PEM block of type typ in a key file.
func readPEM(path, typ string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, _ := pem.Decode(data)
	if b == nil || b.Type != typ {
		return nil, fmt.Errorf("%s: not a PEM %q key file (copex keygen makes one)", path, typ)
	}
	return b.Bytes, nil
}

// loadPrivateKey reads an ed25519 private key (PKCS #8 PEM).
func loadPrivateKey(path string) (ed25519.PrivateKey, error) {
	der, err := readPEM(path, "PRIVATE KEY")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: a %T, not an ed25519 key", path, k)
	}
	return priv, nil
}

// loadPublicKey reads an ed25519 public key (PKIX PEM).
func loadPublicKey(path string) (ed25519.PublicKey, error) {
	der, err := readPEM(path, "PUBLIC KEY")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%s: a %T, not an ed25519 key", path, k)
	}
	return pub, nil
}

// writeSignature signs a journal's head and writes the signature file.
func writeSignature(path string, key ed25519.PrivateKey, entries int64, head string) error {
	sig := ed25519.Sign(key, headMessage(entries, head))
	text := fmt.Sprintf("%s\nentries %d\nhead %s\nsignature %s\n", sigHeader, entries, head, base64.StdEncoding.EncodeToString(sig))
	return atomicfile.WriteFile(path, []byte(text))
}

// verifySignature checks the signature file at path against a journal's audited head
// with the public key pub.
func verifySignature(path string, pub ed25519.PublicKey, entries int64, head string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("signature: %w", err)
	}
	want := []string{sigHeader, "entries", "head", "signature"}
	var fields [4]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		if n == len(want) {
			return fmt.Errorf("%s:%d: text after the signature", path, n+1)
		}
		line := sc.Text()
		if n == 0 {
			if line != sigHeader {
				return fmt.Errorf("%s:1: not a copex journal signature", path)
			}
		} else {
			k, v, ok := strings.Cut(line, " ")
			if !ok || k != want[n] {
				return fmt.Errorf("%s:%d: want %q", path, n+1, want[n]+" ...")
			}
			fields[n] = v
		}
		n++
	}
	if n < len(want) {
		return fmt.Errorf("%s:%d: the signature file is cut short", path, n+1)
	}
	sig, err := base64.StdEncoding.DecodeString(fields[3])
	if err != nil || len(sig) != ed25519.SignatureSize {
		return fmt.Errorf("%s:4: signature is not %d bytes of base64", path, ed25519.SignatureSize)
	}
	signedN, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		return fmt.Errorf("%s:2: entries: %q is not a whole number", path, fields[1])
	}
	if !ed25519.Verify(pub, headMessage(signedN, fields[2]), sig) {
		return fmt.Errorf("%s: the signature does not verify with this public key: signed with another key, or the signature file was altered", path)
	}
	if signedN != entries || fields[2] != head {
		return fmt.Errorf("%s: the key signed a journal of %d entries with head %s, but this journal has %d entries with head %s: the journal was changed after it was signed", path, signedN, fields[2], entries, head)
	}
	return nil
}

// checkManifest compares a journal's audited entry count and head with what the run's
// manifest recorded. It returns a note on what was checked; explicit says the manifest
// was named (--manifest), so that a missing or journal-less manifest is an error
// rather than a note.
func checkManifest(path string, explicit bool, entries int64, head string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return fmt.Sprintf("no %s beside the journal: its entry count and head were not checked against a manifest (give --manifest)", filepath.Base(path)), nil
		}
		return "", fmt.Errorf("manifest: %w", err)
	}
	var m runs.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return "", fmt.Errorf("manifest %s: %w", path, err)
	}
	if m.JournalHead == "" {
		if explicit {
			return "", fmt.Errorf("manifest %s records no journal (journal_entries, journal_head_sha256)", path)
		}
		return fmt.Sprintf("%s records no journal: entry count and head not checked against it", path), nil
	}
	if m.JournalEntries != entries || m.JournalHead != head {
		return "", fmt.Errorf("manifest %s records a journal of %d entries with head %s, but this journal has %d entries with head %s: the journal is not the run's, or was rewritten",
			path, m.JournalEntries, m.JournalHead, entries, head)
	}
	return fmt.Sprintf("matches manifest %s (%d entries, head %s)", path, entries, head), nil
}
