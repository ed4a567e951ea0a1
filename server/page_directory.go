package server

func (s *Server) directoryPages() []pageRoute { return nil }
